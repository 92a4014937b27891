# Sync uses other than run_until_complete (run_forever, threads, the loop passed on) are reported and left.
import asyncio
import threading

from app import Server, fetch


def test_serve_forever(event_loop):
    event_loop.call_later(0.1, event_loop.stop)
    event_loop.run_forever()


def test_thread(event_loop):
    thread = threading.Thread(target=event_loop.run_forever)
    thread.start()
    event_loop.call_soon_threadsafe(event_loop.stop)
    thread.join()


def test_server(event_loop):
    server = Server(loop=event_loop)
    event_loop.run_until_complete(server.start())


def test_nested(event_loop):
    results = [event_loop.run_until_complete(fetch(path)) for path in ("/a", "/b")]
    assert results


def test_own_runner(event_loop):
    event_loop.run_until_complete(fetch("/"))
    asyncio.run(fetch("/other"))


def test_side_effect_only(event_loop):
    assert Server().loop is not None
