import HASimCLI

HASimCommand.main()
