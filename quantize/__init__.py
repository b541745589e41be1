"""The developer toolchain: convert, train, distil, export, quantize, evaluate, bench, bundle, flash.

It may import the device runtime (``assistant``) to smoke-test what it builds; the runtime never
imports this package.
"""
