"""The test provider starts on loopback and publishes the metadata Streamlit's st.login reads."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.oidc.service import start_provider, stop_provider

REDIRECT = "http://127.0.0.1:8599/oauth2callback"


@pytest.fixture(scope="module")
def issuer():
    process, url = start_provider(REDIRECT, "test-only-client-secret")
    yield url
    stop_provider(process)


def read_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


class TestProvider:
    def test_listens_on_loopback(self, issuer):
        assert issuer.startswith("http://127.0.0.1:")

    def test_publishes_its_openid_configuration(self, issuer):
        metadata = read_json(f"{issuer}/.well-known/openid-configuration")
        assert metadata["issuer"] == issuer
        assert metadata["authorization_endpoint"].startswith(issuer)
        assert metadata["token_endpoint"].startswith(issuer)
        assert metadata["end_session_endpoint"].startswith(issuer)
        assert "S256" in metadata["code_challenge_methods_supported"]
        assert {"email", "name", "roles"} <= set(metadata["claims_supported"])
        assert "roles" in metadata["scopes_supported"]

    def test_publishes_its_signing_keys(self, issuer):
        keys = read_json(f"{issuer}/jwks")["keys"]
        assert keys and all("d" not in key for key in keys)  # public halves only
