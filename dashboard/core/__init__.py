"""The vocabulary every layer shares: BLS's codes and measures, how a number is written, text made safe."""
