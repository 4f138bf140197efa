#!/bin/sh
# Inert imitation of a second-runtime installer. Tests only read this file.
if ! command -v bun >/dev/null 2>&1; then
  curl -fsSL https://bun.sh/install | bash
fi
echo placeholder
