# httpx.Client(app=...) (a WSGI app) gets transport=httpx.WSGITransport(app=...).
import httpx

from blog import create_app


def test_index():
    flask_app = create_app(testing=True)
    with httpx.Client(app=flask_app, base_url="http://localhost") as client:
        assert client.get("/").status_code == 200
