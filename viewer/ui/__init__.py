"""Qt + pyqtgraph user interface: main window, controls generated from the specs, plots, dialogs."""
