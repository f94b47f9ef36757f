# Build the one-folder Windows bundle into packaging\dist\supportguide.
# Runs on Windows only (PyInstaller does not cross-compile); not run in CI.
# Prerequisites, in a PowerShell on a build PC with internet access:
#   py -3.11 -m venv .venv; .venv\Scripts\Activate.ps1
#   pip install -e . pyinstaller
# Then, from the repository root:  powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
Set-Location $here

# The version resource (Explorer's Properties > Details) comes from the package version.
$version = (python -c "import supportguide_app; print(supportguide_app.__version__)").Trim()
$parts = ($version.Split(".") + @("0", "0", "0", "0"))[0..3] -join ", "
$template = Get-Content -Encoding UTF8 -Raw "version_info.txt.in"
$filled = $template.Replace("@VERSION@", $version).Replace("@TUPLE@", "($parts)")
$versionFile = Join-Path $here "build\version_info.txt"
New-Item -ItemType Directory -Force (Split-Path $versionFile) | Out-Null
[System.IO.File]::WriteAllText($versionFile, $filled, (New-Object System.Text.UTF8Encoding $false))
$env:SUPPORTGUIDE_VERSION_FILE = $versionFile

# No UPX: antivirus products flag UPX-packed executables.
python -m PyInstaller --noconfirm --clean --log-level WARN `
  --distpath "$here\dist" --workpath "$here\build" supportguide.spec

$size = (Get-ChildItem -Recurse "$here\dist\supportguide" | Measure-Object -Property Length -Sum).Sum
"{0:N1} MB in {1}" -f ($size / 1MB), "$here\dist\supportguide"
