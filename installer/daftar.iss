; Daftar's Windows installer, for Inno Setup 6.3 or later (https://jrsoftware.org/isinfo.php).
;
; Build it with `python installer\build.py`, which compiles this script after PyInstaller with:
;   /DAppVersion=0.1.0            the version in pyproject.toml, shown to users
;   /DAppNumericVersion=0.1.0.0   the same as four numbers, for the setup file's version resource
;   /DBundleDir=...\dist\Daftar   the PyInstaller folder (default: dist\Daftar beside this script)
;   /DLauncherDir=...\dist\DaftarLauncher   the launchers (default: beside BundleDir)
;   /DSign /Sdaftarsign=<cmd>     only when DAFTAR_SIGN_COMMAND is set: sign setup, uninstaller, exes
;
; What it does: installs for the current user by default (no administrator rights; into
; %LOCALAPPDATA%\Programs\Daftar), or for all users if the user chooses so in the first dialog;
; a Start menu shortcut, an optional desktop icon, and opening .daftar files with Daftar.
; Layout: the launchers Daftar.exe and daftar-cli.exe at {app} (with their own small _internal),
; and the programs in {app}\versions\<version>\, where updates add the next version beside it
; (sync/client/updates/layout.py). Shortcuts and the file association name the launchers, which
; start the current version: they never change across updates.
; What it never does: remove company files, key files, settings or logs, nor the keys kept in
; Windows Credential Manager. The uninstaller deletes only the files this setup installed.

#ifndef AppVersion
  #error AppVersion is not defined: build with python installer\build.py (or ISCC /DAppVersion=x.y.z)
#endif
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "dist\Daftar"
#endif
#ifndef LauncherDir
  #define LauncherDir ExtractFilePath(BundleDir) + "DaftarLauncher"
#endif
#ifdef Sign
  #define SignFlag " signonce"
#else
  #define SignFlag ""
#endif

#define AppName "Daftar"
#define WindowExe "Daftar.exe"
#define CliExe "daftar-cli.exe"
#define ProgId "Daftar.Company"

; Arabic.isl ships with recent Inno Setup releases; older ones keep it among the user-contributed
; translations (https://jrsoftware.org/files/istrans/): put that file in installer\languages\.
#if FileExists(AddBackslash(CompilerPath) + "Languages\Arabic.isl")
  #define ArabicMessages "compiler:Languages\Arabic.isl"
#elif FileExists(AddBackslash(SourcePath) + "languages\Arabic.isl")
  #define ArabicMessages "languages\Arabic.isl"
#else
  #pragma message "Arabic.isl not found: this installer speaks English and French only"
#endif

[Setup]
; AppId identifies Daftar to Windows across versions (upgrades, uninstall): never change it.
AppId={{2ED3D4EE-CC7D-498C-89E0-85E6B161AAEE}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Daftar
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductVersion={#AppNumericVersion}
VersionInfoDescription={#AppName} setup
; Per-user by default: {autopf} is %LOCALAPPDATA%\Programs in a per-user install and
; Program Files when the user chooses an installation for all users (admin rights then asked).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 and later.
MinVersion=10.0
OutputBaseFilename=Daftar-{#AppVersion}-setup
SetupIconFile=daftar.ico
UninstallDisplayIcon={app}\{#WindowExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
#ifdef Sign
SignTool=daftarsign
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"
#ifdef ArabicMessages
Name: "arabic"; MessagesFile: "{#ArabicMessages}"
#endif

[CustomMessages]
english.AssocTask=Open .daftar company files with Daftar
french.AssocTask=Ouvrir les fichiers de société .daftar avec Daftar
english.AssocDescription=Daftar company file
french.AssocDescription=Fichier de société Daftar
english.CliComment=Daftar on the command line
french.CliComment=Daftar en ligne de commande
#ifdef ArabicMessages
arabic.AssocTask=فتح ملفات الشركات ‎.daftar‎ ببرنامج دفتر
arabic.AssocDescription=ملف شركة دفتر
arabic.CliComment=دفتر في سطر الأوامر
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "association"; Description: "{cm:AssocTask}"

[InstallDelete]
; The launchers' runtime: replaced as a whole, so no stale library lingers. The choice of
; version is forgotten, so the launcher starts the newest version installed (this one, unless
; an update already brought a newer). Only files of the program live there; company files and
; settings are elsewhere.
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\update-state.json"
Type: filesandordirs; Name: "{app}\versions\{#AppVersion}"

[Files]
Source: "{#LauncherDir}\{#WindowExe}"; DestDir: "{app}"; Flags: ignoreversion{#SignFlag}
Source: "{#LauncherDir}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion{#SignFlag}
Source: "{#LauncherDir}\*"; Excludes: "\{#WindowExe},\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#BundleDir}\{#WindowExe}"; DestDir: "{app}\versions\{#AppVersion}"; Flags: ignoreversion{#SignFlag}
Source: "{#BundleDir}\{#CliExe}"; DestDir: "{app}\versions\{#AppVersion}"; Flags: ignoreversion{#SignFlag}
Source: "{#BundleDir}\*"; Excludes: "\{#WindowExe},\{#CliExe}"; DestDir: "{app}\versions\{#AppVersion}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#WindowExe}"
; A console where daftar-cli works without its path (the setup does not touch the PATH).
Name: "{autoprograms}\{#AppName} command line"; Filename: "{cmd}"; Parameters: "/k set ""PATH={app};%PATH%"" && daftar-cli --help"; WorkingDir: "{userdocs}"; Comment: "{cm:CliComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#WindowExe}"; Tasks: desktopicon

[Registry]
; .daftar files open in Daftar (HKA: the current user's classes in a per-user install, the
; machine's otherwise). Uninstalling removes these keys and values, nothing else.
Root: HKA; Subkey: "Software\Classes\.daftar"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\.daftar\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:AssocDescription}"; Flags: uninsdeletekey; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#WindowExe},0"; Tasks: association
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#WindowExe}"" ""%1"""; Tasks: association
Root: HKA; Subkey: "Software\Classes\Applications\{#WindowExe}\SupportedTypes"; ValueType: string; ValueName: ".daftar"; ValueData: ""; Flags: uninsdeletekey; Tasks: association

[Run]
Filename: "{app}\{#WindowExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; What updates added to the program's own folder: later versions, the choice of version, the
; start-up markers. Nothing else: company files (*.daftar), their key files, the settings and
; logs in %LOCALAPPDATA%\Daftar and the keys in Windows Credential Manager belong to the user
; and survive an uninstall.
Type: filesandordirs; Name: "{app}\versions"
Type: filesandordirs; Name: "{app}\started"
Type: files; Name: "{app}\update-state.json"
