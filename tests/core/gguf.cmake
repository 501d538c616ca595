# tests for gguf
