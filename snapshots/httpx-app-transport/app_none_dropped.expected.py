# app=None made httpx use its default transport: the argument is dropped (0.28 rejects it).
import httpx


def make_client(base_url):
    return httpx.Client(base_url=base_url)
