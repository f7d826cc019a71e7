/// The pure UI core of bptui.
public enum BackpropTUI {}
