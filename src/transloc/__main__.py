from transloc.cli import main

main(prog_name="transloc")
