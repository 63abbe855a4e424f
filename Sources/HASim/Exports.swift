// `import HASim` is all a test needs: the scenario model and `simulate`
// (Simulation), durations and instants (SimKernel), the YAML reader
// (ScenarioFile), and this module's test API (TestScenario, TestRun, Metric).
@_exported import ScenarioFile
@_exported import SimKernel
@_exported import Simulation
