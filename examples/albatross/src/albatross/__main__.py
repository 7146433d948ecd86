from albatross import main

main()
