import HASimCLI

HASimCommand.mainSuggestingCommands()
