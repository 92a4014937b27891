from asyncio_migrate.cli import main

main()
