; Inno Setup script for the Windows installer (iscc installer\village-station.iss after installer\build).
; Why Inno Setup: one readable script, Chinese messages built in, per-machine installs and in-place upgrades by
; AppId, an uninstaller for free; NSIS needs more scripting for the same and WiX an MSI toolchain.
; The station's data is never in the program folder: it lives in the user's data folder
; (%LOCALAPPDATA%\VillageStation) or wherever --data-dir / STATION_DATA_DIR say, and uninstalling leaves it.

#define AppVersion "0.1.0"

[Setup]
; The same AppId for every version: a newer installer upgrades in place.
AppId={{6F1B6C2E-3D1A-4E7B-9C55-2B8E0A4D7F10}
AppName=Village Station
AppVerName=村级便民服务站 {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Village Station
DefaultDirName={autopf}\VillageStation
DefaultGroupName=村级便民服务站
PrivilegesRequired=admin
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=village-station-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
CloseApplications=yes
UninstallDisplayName=村级便民服务站

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "创建桌面快捷方式"; GroupDescription: "快捷方式："

[Files]
; The whole one-folder bundle; files of an older version are replaced, nothing else is touched.
Source: "..\dist\village-station\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\村级便民服务站"; Filename: "{app}\station-app.exe"
Name: "{group}\自检"; Filename: "{app}\station-app.exe"; Parameters: "--self-test"
Name: "{group}\卸载村级便民服务站"; Filename: "{uninstallexe}"
Name: "{autodesktop}\村级便民服务站"; Filename: "{app}\station-app.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\station-app.exe"; Description: "立即启动"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder on purpose: uninstalling never deletes a station's records.
