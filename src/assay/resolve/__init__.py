"""Resolution against reference tables: countries, the gazetteer, entity aliases."""
