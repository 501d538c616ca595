# tests for tokenizer
