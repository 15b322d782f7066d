"""Permanent repair helpers: find the function a failing line is in, swap its source."""
