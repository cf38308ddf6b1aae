"""The network engine: trade records, ports, entity resolution, graph and detectors.

Records (the interchange format of DESIGN.md "Record formats") live in
``interdictor.network.records``; reading and writing in ``interdictor.network.recordio``;
ports in ``interdictor.network.ports``; the synthetic trade world in
``interdictor.network.synth``.
"""
