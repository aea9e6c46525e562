"""Department loaders: adapters that read each department's files into the registry."""
