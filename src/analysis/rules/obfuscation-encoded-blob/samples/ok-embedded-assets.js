// Assets embedded as base64: an icon (PNG) and a WebAssembly module. Binary, not code.
const ICON = 'iVBORw0KGgoAAAANSUhEUh9A/JLaJBaUdQl57mz1gvLV19KOGDNd4Fq8VNBWDg9TAoYMZSvwjVYCUqpedCEFRvNp+7vOjBLPx5V7JlL+mnVSZ3aIIu5iTUj84V7FynnL1gLLf0whV6UWVWmR8i74x7XvexjR/0HFk3DvsIWGUdRKk2wRt7FExI/gTfPGo+jarMKNsr63tCuqHLAkPUAcy04/zkTXsCh5pSeZqt/1QVItiCJZiy+mZPnVFWwAySSAXXXDhovVbCrLgdN+mONa3A==';
const WASM = 'AGFzbQEAAACkq9REjElWLYKBFdE6H8zqkn9StNVFkpf4tD5C2okji8E2JuQ9yzjdsIJIiSfskE+0IFdEOYPohYUXnVBVGv5iEhtHdKdZkkopKcSkEvtuMbmqp0ZGaEDvzEp21pqUFJ4jZOOYPWRv6vqhtRF4XlyekK7cMNpqa+rVUg7MmcZialrmJWZfPgvQoGXtB6QZieQCW3nROTCiqMV9a0MlImcH2VaggtHpG02Wp5NWLfmP0Dydz3Q8nHtOMFXU+fCboBU=';
module.exports = {
  icon: () => Buffer.from(ICON, 'base64'),
  instantiate: (imports) => WebAssembly.instantiate(Buffer.from(WASM, 'base64'), imports),
  dataUri: () => 'data:image/png;base64,' + ICON,
};
