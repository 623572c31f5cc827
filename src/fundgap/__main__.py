"""``python -m fundgap`` runs the command line, like the ``fundgap`` command."""

from fundgap_cli import main

main()
