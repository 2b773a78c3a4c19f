"""What a person reads: the brief (one self-contained HTML file) and the dashboard (a local web app)."""
