// placeholder: the real install.js ran the DLL through rundll32 on Windows
