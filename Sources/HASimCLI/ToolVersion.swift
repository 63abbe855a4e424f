/// The version printed by `hasim --version` and stored with every run.
public enum ToolVersion {
    public static let current = "0.1.0"
}
