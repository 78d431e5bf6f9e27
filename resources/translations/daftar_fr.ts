<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Lines must name a third party</source>
        <translation>Les lignes doivent indiquer un tiers</translation>
    </message>
    <message>
        <source>&amp;Number</source>
        <translation>&amp;Numéro</translation>
    </message>
    <message>
        <source>Label (&amp;French)</source>
        <translation>Intitulé (&amp;français)</translation>
    </message>
    <message>
        <source>Label (&amp;English)</source>
        <translation>Intitulé (&amp;anglais)</translation>
    </message>
    <message>
        <source>Label (&amp;Arabic)</source>
        <translation>Intitulé (a&amp;rabe)</translation>
    </message>
    <message>
        <source>Account {0}</source>
        <translation>Compte {0}</translation>
    </message>
    <message>
        <source>An account&apos;s number never changes.</source>
        <translation>Le numéro d&apos;un compte ne change jamais.</translation>
    </message>
    <message>
        <source>New sub-account of {0}</source>
        <translation>Nouveau sous-compte de {0}</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Nouveau compte</translation>
    </message>
    <message>
        <source>The number is made of digits and does not start with 0.</source>
        <translation>Le numéro est composé de chiffres et ne commence pas par 0.</translation>
    </message>
    <message>
        <source>The number must start with {0} and be longer.</source>
        <translation>Le numéro doit commencer par {0} et être plus long.</translation>
    </message>
    <message>
        <source>Account {0} already exists.</source>
        <translation>Le compte {0} existe déjà.</translation>
    </message>
    <message>
        <source>The French label is required.</source>
        <translation>L&apos;intitulé français est obligatoire.</translation>
    </message>
</context>
<context>
    <name>AccountLinesWindow</name>
    <message>
        <source>Account {0}</source>
        <translation>Compte {0}</translation>
    </message>
    <message>
        <source>up to {0}</source>
        <translation>jusqu&apos;au {0}</translation>
    </message>
    <message>
        <source>from {0} to {1}</source>
        <translation>du {0} au {1}</translation>
    </message>
    <message>
        <source>Balance at the start: {0}</source>
        <translation>Solde au début : {0}</translation>
    </message>
</context>
<context>
    <name>AllocationDialog</name>
    <message>
        <source>Allocate the result of {0}</source>
        <translation>Affecter le résultat de l&apos;exercice {0}</translation>
    </message>
    <message>
        <source>Reading the books…</source>
        <translation>Lecture des écritures…</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>General meeting of the:</source>
        <translation>Assemblée générale du :</translation>
    </message>
    <message>
        <source>&amp;Post the allocation</source>
        <translation>&amp;Passer l&apos;affectation</translation>
    </message>
    <message>
        <source>Shares (the account without an amount takes the rest):</source>
        <translation>Répartition (le compte sans montant reçoit le reste) :</translation>
    </message>
    <message>
        <source>{0} made a profit of {1}, standing on 120 until it is allocated.</source>
        <translation>L&apos;exercice {0} a dégagé un bénéfice de {1}, inscrit au 120 jusqu&apos;à son affectation.</translation>
    </message>
    <message>
        <source>{0} made a loss of {1}, standing on 129 until it is allocated.</source>
        <translation>L&apos;exercice {0} a subi une perte de {1}, inscrite au 129 jusqu&apos;à son affectation.</translation>
    </message>
    <message>
        <source>Left for the account without an amount: {0}</source>
        <translation>Reste pour le compte sans montant : {0}</translation>
    </message>
    <message>
        <source>Posted as {0}-{1}.</source>
        <translation>Passée sous le numéro {0}-{1}.</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Posted entry {0} {1} of {2} — posted entries cannot be changed; reverse it to correct it</source>
        <translation>Écriture validée {0} {1} de l’exercice {2} — une écriture validée ne peut pas être modifiée ; contre-passez-la pour la corriger</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>New entry — not saved yet</source>
        <translation>Nouvelle écriture — pas encore enregistrée</translation>
    </message>
</context>
<context>
    <name>ChartPage</name>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Search by number or label (Ctrl+F)</source>
        <translation>Rechercher par numéro ou intitulé (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="vanished">Rechercher</translation>
    </message>
    <message>
        <source>Add sub-account</source>
        <translation>Ajouter un sous-compte</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="vanished">Modifier</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="vanished">Désactiver</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">Supprimer</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="vanished">Réactiver</translation>
    </message>
    <message>
        <source>Account {0} opened.</source>
        <translation>Compte {0} ouvert.</translation>
    </message>
    <message>
        <source>Account {0} reactivated.</source>
        <translation>Compte {0} réactivé.</translation>
    </message>
    <message>
        <source>Account {0} deactivated: it takes no new lines.</source>
        <translation>Compte {0} désactivé : il ne reçoit plus de nouvelles lignes.</translation>
    </message>
    <message>
        <source>Delete account {0} {1}?</source>
        <translation>Supprimer le compte {0} {1} ?</translation>
    </message>
    <message>
        <source>Account {0} deleted.</source>
        <translation>Compte {0} supprimé.</translation>
    </message>
    <message>
        <source>Chart of accounts</source>
        <translation>Plan comptable</translation>
    </message>
</context>
<context>
    <name>CloudGroup</name>
    <message>
        <source>Daftar cloud</source>
        <translation>Daftar cloud</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>This company&apos;s backup</source>
        <translation>Sauvegarde de cette société</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Connecter…</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>Renouveler maintenant</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Sauvegarder maintenant</translation>
    </message>
    <message>
        <source>Disconnect this PC</source>
        <translation>Déconnecter ce poste</translation>
    </message>
    <message>
        <source>Send anonymous usage counts (counts only)</source>
        <translation>Envoyer des compteurs d&apos;utilisation anonymes (des nombres seulement)</translation>
    </message>
    <message>
        <source>Show what would be sent…</source>
        <translation>Voir ce qui serait envoyé…</translation>
    </message>
    <message>
        <source>Offline activation: write a request…</source>
        <translation>Activation hors ligne : écrire une demande…</translation>
    </message>
    <message>
        <source>Apply a response…</source>
        <translation>Appliquer une réponse…</translation>
    </message>
    <message>
        <source>Not connected. The books work fully without the cloud; connect to back them up and keep the licence current.</source>
        <translation>Non connecté. La comptabilité fonctionne entièrement sans le cloud ; connectez ce poste pour la sauvegarder et tenir la licence à jour.</translation>
    </message>
    <message>
        <source>activated offline, by files</source>
        <translation>activé hors ligne, par fichiers</translation>
    </message>
    <message>
        <source>{0}, as “{1}”</source>
        <translation>{0}, en tant que « {1} »</translation>
    </message>
    <message>
        <source>{0}, {1} seat(s), lease until {2}</source>
        <translation>{0}, {1} poste(s), bail jusqu&apos;au {2}</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Grace period: check in soon</source>
        <translation>Période de grâce : renouvelez bientôt</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Last attempt: {0}</source>
        <translation>Dernière tentative : {0}</translation>
    </message>
    <message>
        <source>Never backed up from this PC</source>
        <translation>Jamais sauvegardée depuis ce poste</translation>
    </message>
    <message>
        <source>Last good backup on {0} — older than two days</source>
        <translation>Dernière sauvegarde réussie le {0} — plus de deux jours</translation>
    </message>
    <message>
        <source>Last good backup on {0}</source>
        <translation>Dernière sauvegarde réussie le {0}</translation>
    </message>
    <message>
        <source>Free this PC&apos;s seat and stop backing up from it? The books stay on this PC.</source>
        <translation>Libérer la place de ce poste et ne plus sauvegarder depuis lui ? La comptabilité reste sur ce poste.</translation>
    </message>
    <message>
        <source>Offline activation</source>
        <translation>Activation hors ligne</translation>
    </message>
    <message>
        <source>Licence key</source>
        <translation>Clé de licence</translation>
    </message>
    <message>
        <source>Activation request</source>
        <translation>Demande d&apos;activation</translation>
    </message>
    <message>
        <source>Activation response</source>
        <translation>Réponse d&apos;activation</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>Company details</source>
        <translation>Coordonnées de la société</translation>
    </message>
    <message>
        <source>N&amp;IF (SIREN or SIRET)</source>
        <translation>N&amp;IF (SIREN ou SIRET)</translation>
    </message>
    <message>
        <source>N&amp;IF (tax number)</source>
        <translation>N&amp;IF (identifiant fiscal)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>NI&amp;S (statistical number)</source>
        <translation>NI&amp;S (identifiant statistique)</translation>
    </message>
    <message>
        <source>&amp;RC (trade register)</source>
        <translation>&amp;RC (registre du commerce)</translation>
    </message>
    <message>
        <source>&amp;AI (tax article)</source>
        <translation>AI (article d&apos;i&amp;mposition)</translation>
    </message>
    <message>
        <source>A&amp;ddress</source>
        <translation>A&amp;dresse</translation>
    </message>
    <message>
        <source>The chart of accounts and the currency are chosen when the company is created and cannot be changed.</source>
        <translation>Le plan comptable et la devise sont choisis à la création de la société et ne peuvent plus être modifiés.</translation>
    </message>
    <message>
        <source>The company needs a name.</source>
        <translation>La société doit avoir un nom.</translation>
    </message>
    <message>
        <source>5 to 30 letters, digits, spaces and / - . signs.</source>
        <translation>De 5 à 30 lettres, chiffres, espaces et signes / - .</translation>
    </message>
    <message>
        <source>A trade register number is 5 to 30 letters, digits, spaces and / - . signs.</source>
        <translation type="vanished">Un numéro de registre du commerce compte de 5 à 30 lettres, chiffres, espaces et signes / - .</translation>
    </message>
    <message>
        <source>The {0} is made of digits only.</source>
        <translation>Le {0} ne contient que des chiffres.</translation>
    </message>
    <message>
        <source>A SIREN has 9 digits and a SIRET 14; this number has {0}.</source>
        <translation>Un SIREN compte 9 chiffres et un SIRET 14 ; ce numéro en a {0}.</translation>
    </message>
    <message>
        <source>This is not a SIREN or SIRET: its check digit is wrong.</source>
        <translation>Ce n&apos;est pas un SIREN ni un SIRET : sa clé de contrôle est fausse.</translation>
    </message>
    <message>
        <source>The {0} has {1} digits; this number has {2}.</source>
        <translation>Le {0} compte {1} chiffres ; celui-ci en a {2}.</translation>
    </message>
</context>
<context>
    <name>CompanyWizard</name>
    <message>
        <source>Create a company</source>
        <translation>Créer une société</translation>
    </message>
    <message>
        <source>The company</source>
        <translation>La société</translation>
    </message>
    <message>
        <source>Its name is required; the legal identifiers can be added later.</source>
        <translation>Son nom est obligatoire ; les identifiants légaux peuvent être ajoutés plus tard.</translation>
    </message>
    <message>
        <source>Company &amp;name:</source>
        <translation>&amp;Nom de la société :</translation>
    </message>
    <message>
        <source>NI&amp;F (tax identification number):</source>
        <translation>NI&amp;F (numéro d&apos;identification fiscale) :</translation>
    </message>
    <message>
        <source>NI&amp;S (statistical identification number):</source>
        <translation>NI&amp;S (numéro d&apos;identification statistique) :</translation>
    </message>
    <message>
        <source>&amp;RC (trade register):</source>
        <translation>R&amp;C (registre du commerce) :</translation>
    </message>
    <message>
        <source>&amp;AI (tax article):</source>
        <translation>&amp;AI (article d&apos;imposition) :</translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation>Adr&amp;esse :</translation>
    </message>
    <message>
        <source>The {0} is made of digits only; remove the letters, spaces or signs.</source>
        <translation>Le {0} ne contient que des chiffres ; retirez les lettres, espaces ou signes.</translation>
    </message>
    <message>
        <source>The books</source>
        <translation>La comptabilité</translation>
    </message>
    <message>
        <source>The currency and the chart cannot be changed once the company exists.</source>
        <translation>La devise et le plan comptable ne peuvent plus être changés une fois la société créée.</translation>
    </message>
    <message>
        <source>&amp;SCF — Système comptable financier</source>
        <translation>&amp;SCF — Système comptable financier</translation>
    </message>
    <message>
        <source>&amp;PCG — Plan comptable général</source>
        <translation>&amp;PCG — Plan comptable général</translation>
    </message>
    <message>
        <source>&amp;Currency:</source>
        <translation>&amp;Devise :</translation>
    </message>
    <message>
        <source>Chart of accounts:</source>
        <translation>Plan comptable :</translation>
    </message>
    <message>
        <source>The Algerian chart (law 07-11), for companies keeping their books in Algeria.</source>
        <translation>Le plan algérien (loi 07-11), pour les sociétés qui tiennent leur comptabilité en Algérie.</translation>
    </message>
    <message>
        <source>The French chart (ANC regulation 2014-03), for companies keeping their books in France.</source>
        <translation>Le plan français (règlement ANC 2014-03), pour les sociétés qui tiennent leur comptabilité en France.</translation>
    </message>
    <message>
        <source>First fiscal year &amp;starts on:</source>
        <translation>Le premier exercice &amp;commence le :</translation>
    </message>
    <message>
        <source>First fiscal year &amp;ends on:</source>
        <translation>Le premier exercice se &amp;termine le :</translation>
    </message>
    <message>
        <source>The first fiscal year must end after it starts.</source>
        <translation>Le premier exercice doit se terminer après son début.</translation>
    </message>
    <message>
        <source>The first fiscal year may last at most 24 months: starting on {0}, it ends on {1} at the latest.</source>
        <translation>Le premier exercice dure au plus 24 mois : commençant le {0}, il se termine au plus tard le {1}.</translation>
    </message>
    <message>
        <source>Twelve months, from {0} to {1}.</source>
        <translation>Douze mois, du {0} au {1}.</translation>
    </message>
    <message>
        <source>A short first year, from {0} to {1}; the years after it last twelve months.</source>
        <translation>Premier exercice court, du {0} au {1} ; les exercices suivants durent douze mois.</translation>
    </message>
    <message>
        <source>A long first year, from {0} to {1}; the years after it last twelve months.</source>
        <translation>Premier exercice long, du {0} au {1} ; les exercices suivants durent douze mois.</translation>
    </message>
    <message>
        <source>The company file</source>
        <translation>Le fichier de la société</translation>
    </message>
    <message>
        <source>All the books of the company live in this one encrypted file.</source>
        <translation>Toute la comptabilité de la société tient dans ce seul fichier chiffré.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>Dossie&amp;r :</translation>
    </message>
    <message>
        <source>File &amp;name:</source>
        <translation>Nom du fic&amp;hier :</translation>
    </message>
    <message>
        <source>The file needs a name.</source>
        <translation>Le fichier doit avoir un nom.</translation>
    </message>
    <message>
        <source>A file name cannot contain any of &lt; &gt; : &quot; / \ | ? *</source>
        <translation>Un nom de fichier ne peut contenir aucun de ces caractères : &lt; &gt; : &quot; / \ | ? *</translation>
    </message>
    <message>
        <source>The file needs a folder.</source>
        <translation>Le fichier doit avoir un dossier.</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder.</source>
        <translation>{0} est un fichier, pas un dossier.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation type="vanished">Le dossier {0} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>{0} already exists in this folder. Choose another name: Daftar never overwrites a company file.</source>
        <translation>{0} existe déjà dans ce dossier. Choisissez un autre nom : Daftar n&apos;écrase jamais un fichier de société.</translation>
    </message>
    <message>
        <source>Folder of the company file</source>
        <translation>Dossier du fichier de la société</translation>
    </message>
    <message>
        <source>Create the folder?</source>
        <translation>Créer le dossier ?</translation>
    </message>
    <message>
        <source>The folder {0} does not exist. Create it?</source>
        <translation>Le dossier {0} n’existe pas. Le créer ?</translation>
    </message>
    <message>
        <source>The folder {0} could not be created: {1}</source>
        <translation>Le dossier {0} n’a pas pu être créé : {1}</translation>
    </message>
    <message>
        <source>Protecting the file</source>
        <translation>Protection du fichier</translation>
    </message>
    <message>
        <source>The file is encrypted. Choose where its key is kept on this computer.</source>
        <translation>Le fichier est chiffré. Choisissez où sa clé est conservée sur cet ordinateur.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <source>Creating the company: its chart of accounts, journals and first fiscal year…</source>
        <translation>Création de la société : son plan comptable, ses journaux et son premier exercice…</translation>
    </message>
    <message>
        <source>Creating the company…</source>
        <translation type="vanished">Création de la société…</translation>
    </message>
    <message>
        <source>The company was not created, and nothing was left on disk: {0}</source>
        <translation>La société n&apos;a pas été créée et rien n&apos;a été laissé sur le disque : {0}</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect this PC to the Daftar cloud</source>
        <translation>Connecter ce poste au Daftar cloud</translation>
    </message>
    <message>
        <source>only for a service of your own</source>
        <translation>seulement pour votre propre service</translation>
    </message>
    <message>
        <source>the system&apos;s settings</source>
        <translation>les réglages du système</translation>
    </message>
    <message>
        <source>Service address</source>
        <translation>Adresse du service</translation>
    </message>
    <message>
        <source>Licence key</source>
        <translation>Clé de licence</translation>
    </message>
    <message>
        <source>Name of this PC</source>
        <translation>Nom de ce poste</translation>
    </message>
    <message>
        <source>Trusted key id</source>
        <translation>Identifiant de clé de confiance</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>Give the service&apos;s address and the licence key.</source>
        <translation>Indiquez l&apos;adresse du service et la clé de licence.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Revenue and expenses by month</source>
        <translation>Produits et charges par mois</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Cash and bank</source>
        <translation>Trésorerie</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>Créances</translation>
    </message>
    <message>
        <source>Payables</source>
        <translation>Dettes</translation>
    </message>
    <message>
        <source>Result of the year to date</source>
        <translation>Résultat de l&apos;exercice à ce jour</translation>
    </message>
    <message>
        <source>Taxes</source>
        <translation>Impôts et taxes</translation>
    </message>
    <message>
        <source>Drafts to post</source>
        <translation>Brouillons à valider</translation>
    </message>
    <message>
        <source>As of {0}</source>
        <translation>Au {0}</translation>
    </message>
    <message>
        <source>Locked up to {0}</source>
        <translation>Verrouillé jusqu&apos;au {0}</translation>
    </message>
    <message>
        <source>1 recurring entry due</source>
        <translation>1 écriture périodique à proposer</translation>
    </message>
    <message>
        <source>{0} recurring entries due</source>
        <translation>{0} écritures périodiques à proposer</translation>
    </message>
    <message>
        <source>Propose…</source>
        <translation>Proposer…</translation>
    </message>
    <message>
        <source>and {0} more</source>
        <translation>et {0} de plus</translation>
    </message>
    <message>
        <source>No bank or cash movement yet</source>
        <translation>Aucun mouvement de banque ou de caisse pour l&apos;instant</translation>
    </message>
    <message>
        <source>Owed by customers</source>
        <translation>Dû par les clients</translation>
    </message>
    <message>
        <source>Owed to suppliers</source>
        <translation>Dû aux fournisseurs</translation>
    </message>
    <message>
        <source>Owed to the State</source>
        <translation>Dû à l&apos;État</translation>
    </message>
    <message>
        <source>Credit with the State</source>
        <translation>Créance sur l&apos;État</translation>
    </message>
    <message>
        <source>Revenue {0} − expenses {1}</source>
        <translation>Produits {0} − charges {1}</translation>
    </message>
    <message>
        <source>Since {0}</source>
        <translation>Depuis le {0}</translation>
    </message>
    <message>
        <source>Entries posted up to {0}</source>
        <translation>Écritures validées jusqu&apos;au {0}</translation>
    </message>
    <message>
        <source>Last posted entry on {0}</source>
        <translation type="vanished">Dernière écriture validée le {0}</translation>
    </message>
    <message>
        <source>Nothing posted yet</source>
        <translation>Rien de validé pour l&apos;instant</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Expenses</source>
        <translation>Charges</translation>
    </message>
    <message>
        <source>No revenue or expenses posted this year yet</source>
        <translation>Aucun produit ni charge comptabilisé cet exercice pour l&apos;instant</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Référence</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Total debit. Sorting by it adds up every entry&apos;s lines, so each page is slower on a large file.</source>
        <translation>Total débit. Trier sur cette colonne additionne les lignes de chaque écriture : chaque page est plus lente sur un gros fichier.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Validée</translation>
    </message>
</context>
<context>
    <name>EntriesPage</name>
    <message>
        <source>All journals</source>
        <translation>Tous les journaux</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Toutes les dates</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Toutes</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>Validées</translation>
    </message>
    <message>
        <source>e.g. 411</source>
        <translation>ex. 411</translation>
    </message>
    <message>
        <source>exact amount</source>
        <translation>montant exact</translation>
    </message>
    <message>
        <source>Search labels and references (Ctrl+F)</source>
        <translation>Rechercher dans les libellés et références (Ctrl+F)</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Nouvelle écriture</translation>
    </message>
    <message>
        <source>New entry (Ctrl+N)</source>
        <translation>Nouvelle écriture (Ctrl+N)</translation>
    </message>
    <message>
        <source>Recurring entries…</source>
        <translation type="vanished">Écritures périodiques…</translation>
    </message>
    <message>
        <source>Templates proposed as drafts when due (Ctrl+Shift+R)</source>
        <translation type="vanished">Modèles proposés en brouillon à échéance (Ctrl+Maj+R)</translation>
    </message>
    <message>
        <source>Make recurring…</source>
        <translation>Rendre périodique…</translation>
    </message>
    <message>
        <source>A recurring template from the selected entry</source>
        <translation>Un modèle périodique à partir de l&apos;écriture sélectionnée</translation>
    </message>
    <message>
        <source>Recurring</source>
        <translation type="vanished">Périodiques</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Période</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>&amp;Statut</translation>
    </message>
    <message>
        <source>Entry {0}</source>
        <translation>Écriture {0}</translation>
    </message>
    <message>
        <source>A&amp;ccount</source>
        <translation>&amp;Compte</translation>
    </message>
    <message>
        <source>A&amp;mount</source>
        <translation>&amp;Montant</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>Non appliqué : {0}</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Comptage…</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 écriture</translation>
    </message>
    <message>
        <source>{0} entries</source>
        <translation>{0} écritures</translation>
    </message>
</context>
<context>
    <name>EntryDialogs</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>This entry has changes that are not saved.</source>
        <translation>Cette écriture a des modifications non enregistrées.</translation>
    </message>
    <message>
        <source>Save them as a draft?</source>
        <translation>Les enregistrer comme brouillon ?</translation>
    </message>
</context>
<context>
    <name>EntryEditor</name>
    <message>
        <source>&amp;Journal</source>
        <translation type="vanished">&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation type="vanished">&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation type="vanished">&amp;Référence</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation type="vanished">&amp;Libellé</translation>
    </message>
    <message>
        <source>&amp;Post</source>
        <translation>&amp;Valider</translation>
    </message>
    <message>
        <source>&amp;Save draft</source>
        <translation>&amp;Enregistrer le brouillon</translation>
    </message>
    <message>
        <source>&amp;New line</source>
        <translation>&amp;Nouvelle ligne</translation>
    </message>
    <message>
        <source>Re&amp;move line</source>
        <translation>Supprimer la li&amp;gne</translation>
    </message>
    <message>
        <source>&amp;Balance</source>
        <translation>É&amp;quilibrer</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>&amp;Reverse…</source>
        <translation>Contre-&amp;passer…</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;Supprimer le brouillon</translation>
    </message>
    <message>
        <source>New &amp;entry</source>
        <translation>Nouvelle &amp;écriture</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>Nouvelle écriture</translation>
    </message>
    <message>
        <source>Draft — {0}</source>
        <translation>Brouillon — {0}</translation>
    </message>
    <message>
        <source>Posted entry {0} {1} of {2} — posted entries cannot be changed; reverse it to correct it</source>
        <translation type="vanished">Écriture validée {0} {1} du {2} — une écriture validée ne peut pas être modifiée ; contre-passez-la pour la corriger</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="vanished">Brouillon</translation>
    </message>
    <message>
        <source>New entry — not saved yet</source>
        <translation type="vanished">Nouvelle écriture — pas encore enregistrée</translation>
    </message>
    <message>
        <source>Account {0} needs a third party</source>
        <translation>Le compte {0} exige un tiers</translation>
    </message>
    <message>
        <source>The entry was not posted:</source>
        <translation>L&apos;écriture n&apos;a pas été validée :</translation>
    </message>
    <message>
        <source>The draft was not saved:</source>
        <translation>Le brouillon n&apos;a pas été enregistré :</translation>
    </message>
    <message>
        <source>Posted as {0} {1}.</source>
        <translation>Validée sous le n° {0} {1}.</translation>
    </message>
    <message>
        <source>Draft saved.</source>
        <translation>Brouillon enregistré.</translation>
    </message>
    <message>
        <source>The entry was not reversed:</source>
        <translation>L&apos;écriture n&apos;a pas été contre-passée :</translation>
    </message>
    <message>
        <source>Reversed by {0} {1}.</source>
        <translation>Contre-passée par {0} {1}.</translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation>Supprimer le brouillon</translation>
    </message>
    <message>
        <source>Delete this draft? It cannot be brought back.</source>
        <translation>Supprimer ce brouillon ? Il ne pourra pas être récupéré.</translation>
    </message>
    <message>
        <source>The draft was not deleted:</source>
        <translation>Le brouillon n&apos;a pas été supprimé :</translation>
    </message>
    <message>
        <source>The entry does not balance: debit {0}, credit {1}, difference {2}</source>
        <translation type="vanished">L&apos;écriture n&apos;est pas équilibrée : débit {0}, crédit {1}, écart {2}</translation>
    </message>
    <message>
        <source>Line {0}: {1}</source>
        <translation>Ligne {0} : {1}</translation>
    </message>
</context>
<context>
    <name>EntryHeader</name>
    <message>
        <source>What the entry records</source>
        <translation>Ce que l&apos;écriture enregistre</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Reference</source>
        <translation>&amp;Référence</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Libellé</translation>
    </message>
</context>
<context>
    <name>EntryLinesModel</name>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>TVA</translation>
    </message>
</context>
<context>
    <name>Importing</name>
    <message>
        <source>Import a journal</source>
        <translation>Importer un journal</translation>
    </message>
    <message>
        <source>CSV journals (*.csv);;All files (*)</source>
        <translation>Journaux CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>{0} lines read and checked…</source>
        <translation>{0} lignes lues et contrôlées…</translation>
    </message>
    <message>
        <source>{0} entries ({1} lines) from {2} were posted.</source>
        <translation>{0} écritures ({1} lignes) de {2} ont été validées.</translation>
    </message>
    <message>
        <source>Accounts opened: {0}.</source>
        <translation>Comptes ouverts : {0}.</translation>
    </message>
    <message>
        <source>Fiscal years opened: {0}.</source>
        <translation>Exercices ouverts : {0}.</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importing {0}</source>
        <translation>Import de {0}</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Intitulé</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>N&amp;ature</translation>
    </message>
    <message>
        <source>New journal</source>
        <translation>Nouveau journal</translation>
    </message>
    <message>
        <source>Journal {0}</source>
        <translation>Journal {0}</translation>
    </message>
    <message>
        <source>A journal&apos;s code numbers its entries and never changes.</source>
        <translation>Le code d&apos;un journal numérote ses écritures et ne change jamais.</translation>
    </message>
    <message>
        <source>The code is required.</source>
        <translation>Le code est obligatoire.</translation>
    </message>
    <message>
        <source>The code is 1 to {0} capital letters or digits.</source>
        <translation>Le code compte de 1 à {0} lettres majuscules ou chiffres.</translation>
    </message>
    <message>
        <source>A journal with the code {0} already exists.</source>
        <translation>Un journal de code {0} existe déjà.</translation>
    </message>
    <message>
        <source>The label is required.</source>
        <translation>L&apos;intitulé est obligatoire.</translation>
    </message>
</context>
<context>
    <name>JournalsGroup</name>
    <message>
        <source>Journals</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Ne&amp;w journal…</source>
        <translation>&amp;Nouveau journal…</translation>
    </message>
    <message>
        <source>Ed&amp;it journal…</source>
        <translation>M&amp;odifier le journal…</translation>
    </message>
    <message>
        <source>Deac&amp;tivate</source>
        <translation>Désac&amp;tiver</translation>
    </message>
    <message>
        <source>A deactivated journal keeps its entries and takes no new ones.</source>
        <translation>Un journal désactivé garde ses écritures et n&apos;en reçoit plus de nouvelles.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactif</translation>
    </message>
    <message>
        <source>Reac&amp;tivate</source>
        <translation>Réac&amp;tiver</translation>
    </message>
</context>
<context>
    <name>KeyProtection</name>
    <message>
        <source>In this computer&apos;s &amp;credential store (recommended)</source>
        <translation>Dans le &amp;trousseau d&apos;identifiants de cet ordinateur (recommandé)</translation>
    </message>
    <message>
        <source>The system keeps the key for your user account: the file opens without typing anything.</source>
        <translation>Le système conserve la clé pour votre compte utilisateur : le fichier s&apos;ouvre sans rien saisir.</translation>
    </message>
    <message>
        <source>Not available: this computer has no credential store Daftar can use.</source>
        <translation>Indisponible : cet ordinateur n&apos;a pas de trousseau d&apos;identifiants utilisable par Daftar.</translation>
    </message>
    <message>
        <source>From a &amp;passphrase typed at each opening (shared computers)</source>
        <translation>À partir d&apos;une &amp;phrase secrète saisie à chaque ouverture (ordinateurs partagés)</translation>
    </message>
    <message>
        <source>In a &amp;key file you keep safe</source>
        <translation>Dans un fichier &amp;clé que vous conservez en lieu sûr</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>C&amp;hoisir…</translation>
    </message>
    <message>
        <source>Pa&amp;ssphrase:</source>
        <translation>Phrase &amp;secrète :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>Key &amp;file:</source>
        <translation>&amp;Fichier clé :</translation>
    </message>
    <message>
        <source>The passphrase needs at least {0} characters (it has {1}).</source>
        <translation>La phrase secrète doit compter au moins {0} caractères (elle en a {1}).</translation>
    </message>
    <message>
        <source>The two passphrases differ; type the same one twice.</source>
        <translation>Les deux phrases secrètes diffèrent ; saisissez deux fois la même.</translation>
    </message>
    <message>
        <source>Choose where to keep the key file.</source>
        <translation>Choisissez où conserver le fichier clé.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>Le dossier {0} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The key file cannot be the company file itself.</source>
        <translation>Le fichier clé ne peut pas être le fichier de la société lui-même.</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Fichier clé</translation>
    </message>
    <message>
        <source>Key files (*.key)</source>
        <translation>Fichiers clés (*.key)</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Écriture</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Welcome</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>{0} no longer exists; it is removed from the recent files.</source>
        <translation>{0} n&apos;existe plus ; il est retiré des fichiers récents.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;New company…</source>
        <translation>&amp;Nouvelle société…</translation>
    </message>
    <message>
        <source>&amp;Open company…</source>
        <translation>&amp;Ouvrir une société…</translation>
    </message>
    <message>
        <source>Open the &amp;demo company</source>
        <translation>Ouvrir la société de &amp;démonstration</translation>
    </message>
    <message>
        <source>&amp;Restore a company from the cloud…</source>
        <translation>&amp;Restaurer une société depuis le cloud…</translation>
    </message>
    <message>
        <source>&amp;Close company</source>
        <translation>&amp;Fermer la société</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Entries</source>
        <translation>É&amp;critures</translation>
    </message>
    <message>
        <source>&amp;New entry</source>
        <translation>&amp;Nouvelle écriture</translation>
    </message>
    <message>
        <source>&amp;Import a journal (CSV)…</source>
        <translation>&amp;Importer un journal (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Recurring entries…</source>
        <translation>Écritures &amp;périodiques…</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Aller à</translation>
    </message>
    <message>
        <source>Next company</source>
        <translation>Société suivante</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>Check for &amp;updates</source>
        <translation>Rechercher des &amp;mises à jour</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="vanished">Raccourcis clavier</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <source>first, e.g. 4</source>
        <translation>premier, ex. 4</translation>
    </message>
    <message>
        <source>last, e.g. 419</source>
        <translation>dernier, ex. 419</translation>
    </message>
    <message>
        <source>All journals</source>
        <translation>Tous les journaux</translation>
    </message>
    <message>
        <source>Receivables (owed by customers)</source>
        <translation>Créances (dues par les clients)</translation>
    </message>
    <message>
        <source>Payables (owed to suppliers)</source>
        <translation>Dettes (dues aux fournisseurs)</translation>
    </message>
    <message>
        <source>Show the &amp;open lines</source>
        <translation>Détailler les lignes &amp;ouvertes</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>É&amp;tat :</translation>
    </message>
    <message>
        <source>Rep&amp;ort:</source>
        <translation type="vanished">É&amp;tat :</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="vanished">&amp;Du :</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>A&amp;u :</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Dates :</translation>
    </message>
    <message>
        <source>&amp;Accounts:</source>
        <translation type="vanished">&amp;Comptes :</translation>
    </message>
    <message>
        <source>&amp;Journal:</source>
        <translation>&amp;Journal :</translation>
    </message>
    <message>
        <source>&amp;At:</source>
        <translation type="vanished">&amp;Au :</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>&amp;Du :</translation>
    </message>
    <message>
        <source>A&amp;ccounts:</source>
        <translation>Co&amp;mptes :</translation>
    </message>
    <message>
        <source>&amp;Side:</source>
        <translation>&amp;Sens :</translation>
    </message>
    <message>
        <source>A&amp;t:</source>
        <translation>A&amp;u :</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>La date de fin est antérieure à la date de début.</translation>
    </message>
    <message>
        <source>The dates cross the end of the fiscal year on {0}: choose dates within one fiscal year.</source>
        <translation>Les dates chevauchent la fin de l&apos;exercice le {0} : choisissez des dates dans un même exercice.</translation>
    </message>
    <message>
        <source>The last account comes before the first.</source>
        <translation>Le dernier compte précède le premier.</translation>
    </message>
    <message>
        <source>At {0}</source>
        <translation>Au {0}</translation>
    </message>
    <message>
        <source>From {0} to {1}</source>
        <translation>Du {0} au {1}</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>The invoices of this third party fall due this many days after their date, unless they give a due date. Leave blank for none.</source>
        <translation>Les factures de ce tiers arrivent à échéance ce nombre de jours après leur date, sauf si elles portent une échéance. Laisser vide s&apos;il n&apos;y en a pas.</translation>
    </message>
    <message>
        <source>&amp;Code</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>N&amp;ature</translation>
    </message>
    <message>
        <source>N&amp;IF (tax number)</source>
        <translation>N&amp;IF (identifiant fiscal)</translation>
    </message>
    <message>
        <source>NI&amp;S (statistical number)</source>
        <translation>NI&amp;S (identifiant statistique)</translation>
    </message>
    <message>
        <source>&amp;RC (trade register)</source>
        <translation>&amp;RC (registre du commerce)</translation>
    </message>
    <message>
        <source>&amp;AI (tax article)</source>
        <translation>AI (article d&apos;i&amp;mposition)</translation>
    </message>
    <message>
        <source>A&amp;ddress</source>
        <translation>A&amp;dresse</translation>
    </message>
    <message>
        <source>&amp;Payment terms (days)</source>
        <translation>Délai de &amp;paiement (jours)</translation>
    </message>
    <message>
        <source>New third party</source>
        <translation>Nouveau tiers</translation>
    </message>
    <message>
        <source>Third party {0}</source>
        <translation>Tiers {0}</translation>
    </message>
    <message>
        <source>A third party&apos;s code never changes.</source>
        <translation>Le code d&apos;un tiers ne change jamais.</translation>
    </message>
    <message>
        <source>The code is required.</source>
        <translation>Le code est obligatoire.</translation>
    </message>
    <message>
        <source>The code has no spaces.</source>
        <translation>Le code ne contient pas d&apos;espaces.</translation>
    </message>
    <message>
        <source>A third party with the code {0} already exists.</source>
        <translation>Un tiers avec le code {0} existe déjà.</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
    <message>
        <source>The NIF is made of digits only.</source>
        <translation>Le NIF ne contient que des chiffres.</translation>
    </message>
    <message>
        <source>The NIS is made of digits only.</source>
        <translation>Le NIS ne contient que des chiffres.</translation>
    </message>
</context>
<context>
    <name>PartyModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>NIF</source>
        <translation>NIF</translation>
    </message>
    <message>
        <source>NIS</source>
        <translation>NIS</translation>
    </message>
    <message>
        <source>RC</source>
        <translation>RC</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Terms (days)</source>
        <translation>Délai (j)</translation>
    </message>
    <message>
        <source>Payment terms: days from the invoice to its due date</source>
        <translation>Délai de paiement : jours entre la facture et son échéance</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>ProposeDialog</name>
    <message>
        <source>Propose due drafts</source>
        <translation>Proposer les brouillons échus</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Can be drafted</source>
        <translation>Possible</translation>
    </message>
    <message>
        <source>&amp;Draft them</source>
        <translation>&amp;Créer les brouillons</translation>
    </message>
    <message>
        <source>Draft them (Ctrl+Return)</source>
        <translation>Créer les brouillons (Ctrl+Entrée)</translation>
    </message>
    <message>
        <source>&amp;Up to</source>
        <translation>&amp;Jusqu&apos;au</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>Nothing is due up to {0}.</source>
        <translation>Rien n&apos;est échu au {0}.</translation>
    </message>
    <message>
        <source>{0} of the {1} entries due cannot be drafted: nothing will be drafted until that is fixed.</source>
        <translation>{0} des {1} écritures échues ne peuvent pas être créées : aucun brouillon ne sera créé tant que ce n&apos;est pas corrigé.</translation>
    </message>
    <message>
        <source>{0} drafts will be made. They are not posted.</source>
        <translation>{0} brouillons seront créés. Ils ne sont pas validés.</translation>
    </message>
    <message>
        <source>{0} drafts made; they await posting in the Entries page.</source>
        <translation>{0} brouillons créés ; ils attendent leur validation dans la page Écritures.</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyBox</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>&amp;Save as text…</source>
        <translation>&amp;Enregistrer en texte…</translation>
    </message>
    <message>
        <source>P&amp;rint…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>Daftar recovery key
Company: {0}
Created on: {1}

{2}

This key opens the company file on any computer. Keep it somewhere safe, away from the file.
</source>
        <translation>Clé de récupération Daftar
Société : {0}
Créée le : {1}

{2}

Cette clé ouvre le fichier de la société sur n&apos;importe quel ordinateur. Conservez-la en lieu sûr, à l&apos;écart du fichier.
</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>Copiée dans le presse-papiers.</translation>
    </message>
    <message>
        <source>Saved in {0}.</source>
        <translation>Enregistrée dans {0}.</translation>
    </message>
    <message>
        <source>{0} recovery key.txt</source>
        <translation>{0} clé de récupération.txt</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>Enregistrer la clé de récupération</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Fichiers texte (*.txt)</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Envoyée à l&apos;imprimante.</translation>
    </message>
</context>
<context>
    <name>RecoveryPage</name>
    <message>
        <source>The recovery key</source>
        <translation>La clé de récupération</translation>
    </message>
    <message>
        <source>The company is created. Here is the one key that opens it on any computer.</source>
        <translation>La société est créée. Voici la clé qui l&apos;ouvre sur n&apos;importe quel ordinateur.</translation>
    </message>
    <message>
        <source>If this computer breaks or the file is moved to another one, this recovery key is the only way to open the books. Daftar shows it now and never again. Print it or save it, and keep it somewhere safe, away from the company file.</source>
        <translation>Si cet ordinateur tombe en panne ou si le fichier est déplacé sur un autre, cette clé de récupération est le seul moyen d&apos;ouvrir la comptabilité. Daftar l&apos;affiche maintenant et plus jamais. Imprimez-la ou enregistrez-la, et conservez-la en lieu sûr, à l&apos;écart du fichier de la société.</translation>
    </message>
    <message>
        <source>I have stored the recovery key somewhere &amp;safe</source>
        <translation>J&apos;ai rangé la clé de récupération en lieu &amp;sûr</translation>
    </message>
</context>
<context>
    <name>RecurringDialog</name>
    <message>
        <source>Recurring entries</source>
        <translation>Écritures périodiques</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Périodicité</translation>
    </message>
    <message>
        <source>Next date</source>
        <translation>Prochaine date</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Sus&amp;pendre</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>Supprime&amp;r</translation>
    </message>
    <message>
        <source>Propose &amp;due drafts…</source>
        <translation>Proposer les brouillons é&amp;chus…</translation>
    </message>
    <message>
        <source>No recurring template yet: press Insert to make one, or use &quot;Make recurring…&quot; on an entry in the Entries page.</source>
        <translation>Aucun modèle périodique : Inser en crée un, ou « Rendre périodique… » sur une écriture de la page Écritures.</translation>
    </message>
    <message>
        <source>Templates propose drafts when due; nothing is posted until you post the drafts in the Entries page.</source>
        <translation>Les modèles proposent des brouillons à échéance ; rien n&apos;est validé tant que vous ne validez pas les brouillons dans la page Écritures.</translation>
    </message>
    <message>
        <source>{0}, day {1}</source>
        <translation>{0}, le {1}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Suspendu</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>Re&amp;prendre</translation>
    </message>
    <message>
        <source>Template {0} saved.</source>
        <translation>Modèle {0} enregistré.</translation>
    </message>
    <message>
        <source>{0} resumed: the entries it missed while paused are due again.</source>
        <translation>{0} repris : les écritures manquées pendant la suspension sont de nouveau échues.</translation>
    </message>
    <message>
        <source>{0} paused: it proposes nothing until resumed.</source>
        <translation>{0} suspendu : il ne propose rien jusqu&apos;à sa reprise.</translation>
    </message>
    <message>
        <source>Delete the template {0}? The drafts it already made stay in the Entries page.</source>
        <translation>Supprimer le modèle {0} ? Les brouillons déjà créés restent dans la page Écritures.</translation>
    </message>
    <message>
        <source>Template {0} deleted.</source>
        <translation>Modèle {0} supprimé.</translation>
    </message>
</context>
<context>
    <name>ReferencePage</name>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Désactiver</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Réactiver</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Run (F5)</source>
        <translation type="vanished">&amp;Lancer (F5)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="vanished">E&amp;xporter</translation>
    </message>
    <message>
        <source>R&amp;un (F5)</source>
        <translation>&amp;Lancer (F5)</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Print pre&amp;view</source>
        <translation>Ape&amp;rçu avant impression</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>Run the report</source>
        <translation>Lancer l&apos;état</translation>
    </message>
    <message>
        <source>Export to &amp;PDF…</source>
        <translation>Exporter en &amp;PDF…</translation>
    </message>
    <message>
        <source>Export to E&amp;xcel (XLSX)…</source>
        <translation>Exporter vers E&amp;xcel (XLSX)…</translation>
    </message>
    <message>
        <source>Export to &amp;CSV…</source>
        <translation>Exporter en &amp;CSV…</translation>
    </message>
    <message>
        <source>&amp;Legal printout (PDF)…</source>
        <translation>Édition &amp;légale (PDF)…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Aperçu avant impression</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Préparation de l&apos;état…</translation>
    </message>
    <message>
        <source>The books changed: this report is out of date. Press F5 to refresh it.</source>
        <translation>La comptabilité a changé : cet état n&apos;est plus à jour. Appuyez sur F5 pour l&apos;actualiser.</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>Enregistré dans {0}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore a company from the cloud</source>
        <translation>Restaurer une société depuis le cloud</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>the credential store</source>
        <translation>le coffre d&apos;identifiants</translation>
    </message>
    <message>
        <source>required: this system has no credential store</source>
        <translation>obligatoire : ce système n&apos;a pas de coffre d&apos;identifiants</translation>
    </message>
    <message>
        <source>The PC that kept it is lost: take it over</source>
        <translation>Le poste qui la tenait est perdu : la reprendre</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>Nom de la société</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>Clé de récupération</translation>
    </message>
    <message>
        <source>New file</source>
        <translation>Nouveau fichier</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Fichier de clé</translation>
    </message>
    <message>
        <source>New company file</source>
        <translation>Nouveau fichier de société</translation>
    </message>
    <message>
        <source>Daftar company (*.daftar)</source>
        <translation>Société Daftar (*.daftar)</translation>
    </message>
    <message>
        <source>Give the company&apos;s name, its recovery key and the new file.</source>
        <translation>Indiquez le nom de la société, sa clé de récupération et le nouveau fichier.</translation>
    </message>
    <message>
        <source>This system has no credential store: give a key file where the company&apos;s key will be kept.</source>
        <translation>Ce système n&apos;a pas de coffre d&apos;identifiants : indiquez un fichier de clé où garder la clé de la société.</translation>
    </message>
    <message>
        <source>{0} is kept on PC {1} since {2}. Release it there first; if that PC is lost, tick “take it over” and restore again (what was changed there since its last backup stays on that PC).</source>
        <translation>{0} est tenue sur le poste {1} depuis le {2}. Libérez-la d’abord sur ce poste ; s’il est perdu, cochez « la reprendre » et restaurez de nouveau (ce qui y a été modifié depuis sa dernière sauvegarde reste sur ce poste).</translation>
    </message>
    <message>
        <source>Another PC took this company at the same moment; restore again.</source>
        <translation>Un autre poste a pris cette société au même moment ; restaurez de nouveau.</translation>
    </message>
    <message>
        <source>If that PC is lost, tick “take it over” and restore again.</source>
        <translation type="vanished">Si ce poste est perdu, cochez « la reprendre » et restaurez de nouveau.</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <source>Reverse entry</source>
        <translation>Contre-passer l&apos;écriture</translation>
    </message>
    <message>
        <source>A reversal entry with debit and credit swapped cancels {0}. It is posted at once.</source>
        <translation>Une écriture de contre-passation, débit et crédit inversés, annule {0}. Elle est validée immédiatement.</translation>
    </message>
    <message>
        <source>Reversal of {0}</source>
        <translation>Contre-passation de {0}</translation>
    </message>
    <message>
        <source>&amp;Date of the reversal</source>
        <translation>&amp;Date de la contre-passation</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Libellé</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>Contre-passer</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Langue de l&apos;interface</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>A&amp;ppliquer</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language; open companies stay open. Account labels follow the language where the chart has them.</source>
        <translation>La fenêtre est reconstruite dans la nouvelle langue ; les sociétés ouvertes le restent. Les intitulés des comptes suivent la langue lorsque le plan les fournit.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>E&amp;dit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Change the name, address and legal identifiers</source>
        <translation>Modifier le nom, l&apos;adresse et les identifiants légaux</translation>
    </message>
    <message>
        <source>SCF (Algerian financial accounting system)</source>
        <translation>SCF (système comptable financier algérien)</translation>
    </message>
    <message>
        <source>PCG (French general chart of accounts)</source>
        <translation>PCG (plan comptable général français)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Chart of accounts</source>
        <translation>Plan comptable</translation>
    </message>
    <message>
        <source>NIF</source>
        <translation>NIF</translation>
    </message>
    <message>
        <source>NIS</source>
        <translation>NIS</translation>
    </message>
    <message>
        <source>RC</source>
        <translation>RC</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>AI</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Fiscal years</source>
        <translation>Exercices</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Exercice</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Open &amp;next fiscal year</source>
        <translation>Ouvrir l&apos;exercice &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Close fiscal year…</source>
        <translation>Clôturer l&apos;e&amp;xercice…</translation>
    </message>
    <message>
        <source>Allocate the &amp;result…</source>
        <translation>Affecter le &amp;résultat…</translation>
    </message>
    <message>
        <source>Allocate the re&amp;sult…</source>
        <translation type="vanished">Affecter le ré&amp;sultat…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <source>Close fiscal year {0}? This is final: no entry can be posted into it afterwards, and it cannot be reopened.</source>
        <translation type="vanished">Clôturer l&apos;exercice {0} ? C&apos;est définitif : plus aucune écriture ne pourra y être validée, et il ne pourra pas être rouvert.</translation>
    </message>
    <message>
        <source>Close fiscal year</source>
        <translation type="vanished">Clôturer l&apos;exercice</translation>
    </message>
    <message>
        <source>Close the year</source>
        <translation type="vanished">Clôturer l&apos;exercice</translation>
    </message>
    <message>
        <source>Lock date</source>
        <translation>Date de verrouillage</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>&amp;Verrouiller</translation>
    </message>
    <message>
        <source>Lock &amp;up to:</source>
        <translation>Verrouiller &amp;jusqu&apos;au :</translation>
    </message>
    <message>
        <source>Entries dated on or before the lock date can no longer be posted, changed or deleted. The lock date only moves forward.</source>
        <translation>Les écritures datées du jour de verrouillage ou avant ne peuvent plus être validées, modifiées ni supprimées. La date de verrouillage ne fait qu&apos;avancer.</translation>
    </message>
    <message>
        <source>The books are not locked.</source>
        <translation>La comptabilité n&apos;est pas verrouillée.</translation>
    </message>
    <message>
        <source>The books are locked up to {0} inclusive.</source>
        <translation>La comptabilité est verrouillée jusqu&apos;au {0} inclus.</translation>
    </message>
    <message>
        <source>Lock the books up to {0}? Entries dated on or before that day can no longer be posted, changed or deleted, and the lock date cannot be moved back.</source>
        <translation>Verrouiller la comptabilité jusqu&apos;au {0} ? Les écritures datées de ce jour ou avant ne pourront plus être validées, modifiées ni supprimées, et la date de verrouillage ne pourra pas être reculée.</translation>
    </message>
    <message>
        <source>Lock the books</source>
        <translation>Verrouiller la comptabilité</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Verrouiller</translation>
    </message>
    <message>
        <source>Key protection</source>
        <translation>Protection par clé</translation>
    </message>
    <message>
        <source>A key file</source>
        <translation>Un fichier clé</translation>
    </message>
    <message>
        <source>Protected by</source>
        <translation>Protégé par</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Fichier clé</translation>
    </message>
    <message>
        <source>A passphrase</source>
        <translation>Une phrase secrète</translation>
    </message>
    <message>
        <source>Opened with</source>
        <translation>Ouvert avec</translation>
    </message>
    <message>
        <source>The recovery key</source>
        <translation>La clé de récupération</translation>
    </message>
    <message>
        <source>The operating system&apos;s credential store</source>
        <translation>Le trousseau d&apos;identifiants du système</translation>
    </message>
    <message>
        <source>Daftar cloud</source>
        <translation>Daftar cloud</translation>
    </message>
    <message>
        <source>Not available in this window.</source>
        <translation>Non disponible dans cette fenêtre.</translation>
    </message>
    <message>
        <source>Companion service</source>
        <translation type="vanished">Service compagnon</translation>
    </message>
    <message>
        <source>Not set up. Synchronisation with the companion service is not available in this version of Daftar; the company file is kept on this computer only.</source>
        <translation type="vanished">Non configuré. La synchronisation avec le service compagnon n&apos;est pas disponible dans cette version de Daftar ; le fichier de la société reste sur cet ordinateur uniquement.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Menus</source>
        <translation>Menus</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Statement of account — {0}</source>
        <translation>Relevé de compte — {0}</translation>
    </message>
    <message>
        <source>Third party:</source>
        <translation>Tiers :</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Language of the document:</source>
        <translation>&amp;Langue du document :</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>La date de fin précède la date de début.</translation>
    </message>
    <message>
        <source>Statement of account</source>
        <translation>Relevé de compte</translation>
    </message>
    <message>
        <source>Save the statement of account</source>
        <translation>Enregistrer le relevé de compte</translation>
    </message>
    <message>
        <source>Writing the statement of account…</source>
        <translation>Écriture du relevé de compte…</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>Recurring template {0}</source>
        <translation>Modèle périodique {0}</translation>
    </message>
    <message>
        <source>New recurring template</source>
        <translation>Nouveau modèle périodique</translation>
    </message>
    <message>
        <source>&amp;Ends on</source>
        <translation>&amp;Finit le</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>&amp;Add line</source>
        <translation>&amp;Ajouter une ligne</translation>
    </message>
    <message>
        <source>&amp;Remove line</source>
        <translation>Re&amp;tirer la ligne</translation>
    </message>
    <message>
        <source>In the label and reference, {month} becomes the month of each entry (03/2026), {year} its year, {period} the months it covers (04/2026-06/2026 for a quarter).</source>
        <translation>Dans le libellé et la référence, {month} devient le mois de chaque écriture (03/2026), {year} son année, {period} les mois qu&apos;elle couvre (04/2026-06/2026 pour un trimestre).</translation>
    </message>
    <message>
        <source>on day</source>
        <translation>le</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nom</translation>
    </message>
    <message>
        <source>&amp;Journal</source>
        <translation>&amp;Journal</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Libellé</translation>
    </message>
    <message>
        <source>Re&amp;ference</source>
        <translation>Ré&amp;férence</translation>
    </message>
    <message>
        <source>&amp;Repeats</source>
        <translation>&amp;Périodicité</translation>
    </message>
    <message>
        <source>&amp;First date</source>
        <translation>Première &amp;date</translation>
    </message>
    <message>
        <source>Line {0}: {1}</source>
        <translation>Ligne {0} : {1}</translation>
    </message>
    <message>
        <source>Balanced: {0}</source>
        <translation>Équilibré : {0}</translation>
    </message>
    <message>
        <source>Debit {0} · credit {1} · off by {2}</source>
        <translation>Débit {0} · crédit {1} · écart {2}</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>Le nom est obligatoire.</translation>
    </message>
    <message>
        <source>There is no active journal to draft in.</source>
        <translation>Aucun journal actif où créer les brouillons.</translation>
    </message>
    <message>
        <source>The label is required.</source>
        <translation>Le libellé est obligatoire.</translation>
    </message>
    <message>
        <source>Debits and credits differ by {0}.</source>
        <translation>Les débits et les crédits diffèrent de {0}.</translation>
    </message>
    <message>
        <source>The end date is before the first date.</source>
        <translation>La date de fin précède la première date.</translation>
    </message>
</context>
<context>
    <name>ThirdPartiesPage</name>
    <message>
        <source>All kinds</source>
        <translation>Toutes natures</translation>
    </message>
    <message>
        <source>Search by code, name or NIF (Ctrl+F)</source>
        <translation>Rechercher par code, nom ou NIF (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="vanished">Rechercher</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="vanished">Modifier</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation type="vanished">Désactiver</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">Supprimer</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation type="vanished">Réactiver</translation>
    </message>
    <message>
        <source>Third party {0} added.</source>
        <translation>Tiers {0} ajouté.</translation>
    </message>
    <message>
        <source>Statement of account…</source>
        <translation>Relevé de compte…</translation>
    </message>
    <message>
        <source>Statement of account of {0} saved to {1}</source>
        <translation>Relevé de compte de {0} enregistré dans {1}</translation>
    </message>
    <message>
        <source>Third party {0} reactivated.</source>
        <translation>Tiers {0} réactivé.</translation>
    </message>
    <message>
        <source>Third party {0} deactivated.</source>
        <translation>Tiers {0} désactivé.</translation>
    </message>
    <message>
        <source>Delete third party {0} {1}?</source>
        <translation>Supprimer le tiers {0} {1} ?</translation>
    </message>
    <message>
        <source>Third party {0} deleted.</source>
        <translation>Tiers {0} supprimé.</translation>
    </message>
    <message>
        <source>Third parties</source>
        <translation>Tiers</translation>
    </message>
</context>
<context>
    <name>TotalsBar</name>
    <message>
        <source>Debit</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Écart</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock {0}</source>
        <translation>Déverrouiller {0}</translation>
    </message>
    <message>
        <source>With its &amp;recovery key</source>
        <translation>Avec sa clé de &amp;récupération</translation>
    </message>
    <message>
        <source>With its &amp;passphrase</source>
        <translation>Avec sa &amp;phrase secrète</translation>
    </message>
    <message>
        <source>R&amp;emember the key on this computer, in its credential store</source>
        <translation>&amp;Mémoriser la clé sur cet ordinateur, dans son trousseau d&apos;identifiants</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
</context>
<context>
    <name>UsagePreview</name>
    <message>
        <source>Usage counters: what would be sent</source>
        <translation>Compteurs d&apos;utilisation : ce qui serait envoyé</translation>
    </message>
    <message>
        <source>Nothing: no counts are waiting to be sent.</source>
        <translation>Rien : aucun compteur n&apos;attend d&apos;être envoyé.</translation>
    </message>
    <message>
        <source>Counts only: a counter&apos;s name, a day and a number. Never a company, a name, a label or an amount.</source>
        <translation>Des nombres seulement : le nom d&apos;un compteur, un jour et un nombre. Jamais une société, un nom, un libellé ni un montant.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Accounting books under the Algerian SCF or the French PCG, each company in its own encrypted file on this computer.</source>
        <translation>Une comptabilité selon le SCF algérien ou le PCG français, chaque société dans son propre fichier chiffré sur cet ordinateur.</translation>
    </message>
    <message>
        <source>&amp;Create a company…</source>
        <translation>&amp;Créer une société…</translation>
    </message>
    <message>
        <source>A new company file with its chart of accounts and first fiscal year (Ctrl+Shift+N).</source>
        <translation>Un nouveau fichier de société avec son plan comptable et son premier exercice (Ctrl+Maj+N).</translation>
    </message>
    <message>
        <source>&amp;Open a company file…</source>
        <translation>&amp;Ouvrir un fichier de société…</translation>
    </message>
    <message>
        <source>A .daftar file made on this computer or brought from another one ({0}).</source>
        <translation>Un fichier .daftar créé sur cet ordinateur ou apporté d&apos;un autre ({0}).</translation>
    </message>
    <message>
        <source>Open the &amp;demo company</source>
        <translation>Ouvrir la société de &amp;démonstration</translation>
    </message>
    <message>
        <source>SARL Atlas Distribution: a year of realistic books to look around in (Ctrl+Shift+D).</source>
        <translation>SARL Atlas Distribution : une année de comptabilité réaliste à explorer (Ctrl+Maj+D).</translation>
    </message>
    <message>
        <source>Restore from the c&amp;loud…</source>
        <translation>Restaurer depuis le c&amp;loud…</translation>
    </message>
    <message>
        <source>A company backed up to the Daftar cloud, with its recovery key: for a new or replaced PC.</source>
        <translation>Une société sauvegardée dans le Daftar cloud, avec sa clé de récupération : pour un poste neuf ou remplacé.</translation>
    </message>
    <message>
        <source>&amp;Recent companies</source>
        <translation>Sociétés &amp;récentes</translation>
    </message>
    <message>
        <source>Remove from this list</source>
        <translation>Retirer de cette liste</translation>
    </message>
    <message>
        <source>No company opened yet. Create one, open a file, or open the demo company to look around.</source>
        <translation>Aucune société ouverte pour l&apos;instant. Créez-en une, ouvrez un fichier ou ouvrez la société de démonstration pour découvrir.</translation>
    </message>
</context>
<context>
    <name>YearEndDialog</name>
    <message>
        <source>Close fiscal year {0}</source>
        <translation>Clôturer l&apos;exercice {0}</translation>
    </message>
    <message>
        <source>Closing is final: nothing can be posted into {0} afterwards and it cannot be reopened. The next year opens on its balances: Daftar posts the à-nouveaux on the next year&apos;s first day, each third party on its own line, the result on 120 (profit) or 129 (loss) until its allocation is posted.</source>
        <translation>La clôture est définitive : plus rien ne pourra être saisi dans l&apos;exercice {0}, qui ne pourra être rouvert. L&apos;exercice suivant s&apos;ouvre sur ses soldes : Daftar passe les à-nouveaux au premier jour de l&apos;exercice suivant, chaque tiers sur sa propre ligne, le résultat au 120 (bénéfice) ou au 129 (perte) jusqu&apos;à son affectation.</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>Reading the books…</source>
        <translation>Lecture des écritures…</translation>
    </message>
    <message>
        <source>I have checked this year&apos;s figures: close it for &amp;good</source>
        <translation>J&apos;ai contrôlé les chiffres de l&apos;exercice : le clôturer &amp;définitivement</translation>
    </message>
    <message>
        <source>C&amp;lose the year</source>
        <translation>C&amp;lôturer l&apos;exercice</translation>
    </message>
    <message>
        <source>No drafts, every journal balances, suspense and transfer accounts are clear.</source>
        <translation>Aucun brouillard, tous les journaux sont équilibrés, les comptes d&apos;attente et de virements internes sont soldés.</translation>
    </message>
    <message>
        <source>Result of {0}: profit of {1}</source>
        <translation>Résultat de l&apos;exercice {0} : bénéfice de {1}</translation>
    </message>
    <message>
        <source>Result of {0}: loss of {1}</source>
        <translation>Résultat de l&apos;exercice {0} : perte de {1}</translation>
    </message>
    <message>
        <source>À-nouveaux on {0}: {1} lines are already posted; the closing adds the {2} they lack.</source>
        <translation>À-nouveaux au {0} : {1} lignes sont déjà passées ; la clôture ajoute les {2} qui manquent.</translation>
    </message>
    <message>
        <source>À-nouveaux on {0}: the {1} lines already posted match this year&apos;s balances; nothing to add.</source>
        <translation>À-nouveaux au {0} : les {1} lignes déjà passées correspondent aux soldes de l&apos;exercice ; rien à ajouter.</translation>
    </message>
    <message>
        <source>À-nouveaux on {0}: {1} lines.</source>
        <translation>À-nouveaux au {0} : {1} lignes.</translation>
    </message>
    <message>
        <source>Fiscal year {0} is closed; the next year opens on its balances.</source>
        <translation>L&apos;exercice {0} est clôturé ; l&apos;exercice suivant s&apos;ouvre sur ses soldes.</translation>
    </message>
</context>
<context>
    <name>_RecentDelegate</name>
    <message>
        <source>{0} (not found)</source>
        <translation>{0} (introuvable)</translation>
    </message>
</context>
<context>
    <name>bank</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Écriture</translation>
    </message>
    <message>
        <source>Import statement…</source>
        <translation>Importer un relevé…</translation>
    </message>
    <message>
        <source>Match automatically</source>
        <translation>Rapprocher automatiquement</translation>
    </message>
    <message>
        <source>Match selected</source>
        <translation>Rapprocher la sélection</translation>
    </message>
    <message>
        <source>Next possible pair</source>
        <translation>Rapprochement possible suivant</translation>
    </message>
    <message>
        <source>Reconciliation statement…</source>
        <translation>État de rapprochement…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>Accepter la suggestion</translation>
    </message>
    <message>
        <source>Post…</source>
        <translation>Comptabiliser…</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>Compte bancaire</translation>
    </message>
    <message>
        <source>At</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Statement lines not in the books</source>
        <translation>Lignes du relevé absentes de la comptabilité</translation>
    </message>
    <message>
        <source>Book lines not on the statement</source>
        <translation>Lignes comptables absentes du relevé</translation>
    </message>
    <message>
        <source>The chart has no bank account: add one (kind Bank) to reconcile its statements.</source>
        <translation>Le plan ne compte aucun compte bancaire : ajoutez-en un (nature Banque) pour rapprocher ses relevés.</translation>
    </message>
    <message>
        <source>No statement imported for this account yet: Ctrl+Shift+I imports one.</source>
        <translation>Aucun relevé importé pour ce compte : Ctrl+Maj+I en importe un.</translation>
    </message>
    <message>
        <source>Reconciled</source>
        <translation>Rapproché</translation>
    </message>
    <message>
        <source>Difference {0}</source>
        <translation>Écart {0}</translation>
    </message>
    <message>
        <source>Statement at {0}: {1} · Books: {2} · {3} statement lines and {4} book lines open · {5}</source>
        <translation>Relevé au {0} : {1} · Comptabilité : {2} · {3} lignes du relevé et {4} lignes comptables non rapprochées · {5}</translation>
    </message>
    <message>
        <source>{0} (Enter accepts it, F2 posts elsewhere)</source>
        <translation>{0} (Entrée l&apos;accepte, F2 comptabilise ailleurs)</translation>
    </message>
    <message>
        <source>Selected: statement {0} · books {1}</source>
        <translation>Sélection : relevé {0} · comptabilité {1}</translation>
    </message>
    <message>
        <source>difference {0}</source>
        <translation>écart {0}</translation>
    </message>
    <message>
        <source>Import a bank statement</source>
        <translation>Importer un relevé bancaire</translation>
    </message>
    <message>
        <source>Bank statements (*.xml *.053 *.ofx *.qfx *.csv *.txt);;All files (*)</source>
        <translation>Relevés bancaires (*.xml *.053 *.ofx *.qfx *.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Bank journal</source>
        <translation>Journal de banque</translation>
    </message>
    <message>
        <source>Journal of the entries:</source>
        <translation>Journal des écritures :</translation>
    </message>
    <message>
        <source>CSV statement</source>
        <translation>Relevé CSV</translation>
    </message>
    <message>
        <source>The bank&apos;s column mapping:</source>
        <translation>La correspondance des colonnes de la banque :</translation>
    </message>
    <message>
        <source>Nothing to choose for: {0}</source>
        <translation>Rien à choisir pour : {0}</translation>
    </message>
    <message>
        <source>{0}: {1} new lines, {2} already imported.</source>
        <translation>{0} : {1} lignes nouvelles, {2} déjà importées.</translation>
    </message>
    <message>
        <source>Posted {0}-{1} and matched it with the statement line.</source>
        <translation>{0}-{1} comptabilisée et rapprochée de la ligne du relevé.</translation>
    </message>
    <message>
        <source>Matched {0} statement lines with {1} book lines.</source>
        <translation>{0} lignes du relevé rapprochées de {1} lignes comptables.</translation>
    </message>
    <message>
        <source>Possible pair ({0} %): {1}. Ctrl+Enter matches it, F8 shows the next.</source>
        <translation>Rapprochement possible ({0} %) : {1}. Ctrl+Entrée le valide, F8 montre le suivant.</translation>
    </message>
    <message>
        <source>No possible pair left to check.</source>
        <translation>Plus aucun rapprochement possible à examiner.</translation>
    </message>
    <message>
        <source>Save the reconciliation statement</source>
        <translation>Enregistrer l&apos;état de rapprochement</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Reconciliation statement written to {0}.</source>
        <translation>État de rapprochement enregistré dans {0}.</translation>
    </message>
    <message>
        <source>{0} pairs matched; {1} possible pairs left for you to check (F8 shows the next).</source>
        <translation>{0} rapprochements faits ; {1} rapprochements possibles à examiner (F8 montre le suivant).</translation>
    </message>
    <message>
        <source>Post the statement line</source>
        <translation>Comptabiliser la ligne du relevé</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Type the account the money comes from or goes to.</source>
        <translation>Saisissez le compte d&apos;où vient ou où va l&apos;argent.</translation>
    </message>
    <message>
        <source>There is no account {0}.</source>
        <translation>Le compte {0} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Account {0} cannot take entries.</source>
        <translation>Le compte {0} ne peut pas recevoir d&apos;écritures.</translation>
    </message>
    <message>
        <source>The counterpart cannot be the bank account itself.</source>
        <translation>La contrepartie ne peut pas être le compte bancaire lui-même.</translation>
    </message>
    <message>
        <source>There is no third party {0}.</source>
        <translation>Le tiers {0} n&apos;existe pas.</translation>
    </message>
    <message>
        <source>Account {0} needs a third party.</source>
        <translation>Le compte {0} demande un tiers.</translation>
    </message>
</context>
<context>
    <name>chart</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Banque</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impôts et taxes</translation>
    </message>
</context>
<context>
    <name>cloud</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Daftar cloud</source>
        <translation>Daftar cloud</translation>
    </message>
    <message>
        <source>Backing up {0}…</source>
        <translation>Sauvegarde de {0}…</translation>
    </message>
    <message>
        <source>The backup did not complete; the next one resumes where it stopped.</source>
        <translation>La sauvegarde n&apos;a pas abouti ; la suivante reprendra là où elle s&apos;est arrêtée.</translation>
    </message>
    <message>
        <source>Already backed up: nothing changed since the last backup.</source>
        <translation>Déjà sauvegardée : rien n&apos;a changé depuis la dernière sauvegarde.</translation>
    </message>
    <message>
        <source>Backed up: {0} of {1} pieces were new.</source>
        <translation>Sauvegardée : {0} morceaux nouveaux sur {1}.</translation>
    </message>
    <message>
        <source>Backing up {0} before closing…</source>
        <translation>Sauvegarde de {0} avant la fermeture…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The entry was not posted:</source>
        <translation>L&apos;écriture n&apos;a pas été validée :</translation>
    </message>
    <message>
        <source>The fiscal year was not closed:</source>
        <translation>L&apos;exercice n&apos;a pas été clôturé :</translation>
    </message>
    <message>
        <source>{0}, row {1}, column {2}</source>
        <translation>{0}, ligne {1}, colonne {2}</translation>
    </message>
    <message>
        <source>{0}, row {1}</source>
        <translation>{0}, ligne {1}</translation>
    </message>
    <message>
        <source>Nothing was imported. {0}: {1}</source>
        <translation>Rien n&apos;a été importé. {0} : {1}</translation>
    </message>
    <message>
        <source>The file could not be read or written</source>
        <translation>Le fichier n&apos;a pas pu être lu ou écrit</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Annulé. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>Daftar met a problem it did not expect, and nothing was changed. The details are in {0}; please send that file to support.</source>
        <translation>Daftar a rencontré un problème inattendu et rien n&apos;a été modifié. Les détails sont dans {0} ; merci d&apos;envoyer ce fichier à l&apos;assistance.</translation>
    </message>
    <message>
        <source>Daftar</source>
        <translation>Daftar</translation>
    </message>
</context>
<context>
    <name>journals</name>
    <message>
        <source>Sales</source>
        <translation>Ventes</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Achats</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Banque</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Caisse</translation>
    </message>
    <message>
        <source>Miscellaneous</source>
        <translation>Opérations diverses</translation>
    </message>
</context>
<context>
    <name>matching</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Écriture</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Libellé</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Lettre</translation>
    </message>
    <message>
        <source>Matched lines too</source>
        <translation>Lignes lettrées aussi</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Lettrer</translation>
    </message>
    <message>
        <source>Match in part</source>
        <translation>Lettrer partiellement</translation>
    </message>
    <message>
        <source>Unmatch</source>
        <translation>Délettrer</translation>
    </message>
    <message>
        <source>Match automatically</source>
        <translation>Lettrer automatiquement</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>All third parties</source>
        <translation>Tous les tiers</translation>
    </message>
    <message>
        <source>{0} lines selected · debit {1} · credit {2} · balance {3}</source>
        <translation>{0} lignes sélectionnées · débit {1} · crédit {2} · solde {3}</translation>
    </message>
    <message>
        <source>Letter {0} is complete.</source>
        <translation>La lettre {0} est soldée.</translation>
    </message>
    <message>
        <source>Letter {0} is still partial.</source>
        <translation>La lettre {0} reste partielle.</translation>
    </message>
    <message>
        <source>Matched {0} lines under letter {1}.</source>
        <translation>{0} lignes lettrées sous la lettre {1}.</translation>
    </message>
    <message>
        <source>Letter {0} taken off {1} lines.</source>
        <translation>Lettre {0} retirée de {1} lignes.</translation>
    </message>
    <message>
        <source>{0} groups matched automatically ({1} lines).</source>
        <translation>{0} groupes lettrés automatiquement ({1} lignes).</translation>
    </message>
</context>
<context>
    <name>nav</name>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Écritures</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Banque</translation>
    </message>
    <message>
        <source>Matching</source>
        <translation>Lettrage</translation>
    </message>
    <message>
        <source>Chart of accounts</source>
        <translation>Plan comptable</translation>
    </message>
    <message>
        <source>Third parties</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>États</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
</context>
<context>
    <name>opening</name>
    <message>
        <source>The key file {0} does not open {1}.</source>
        <translation>Le fichier clé {0} n&apos;ouvre pas {1}.</translation>
    </message>
    <message>
        <source>This computer has no credential store that could hold the key of {0}.</source>
        <translation>Cet ordinateur n&apos;a pas de trousseau d&apos;identifiants pouvant conserver la clé de {0}.</translation>
    </message>
    <message>
        <source>The key kept on this computer does not open {0}.</source>
        <translation>La clé conservée sur cet ordinateur n&apos;ouvre pas {0}.</translation>
    </message>
    <message>
        <source>This computer does not hold the key of {0}: it was made or protected elsewhere.</source>
        <translation>Cet ordinateur ne détient pas la clé de {0} : le fichier a été créé ou protégé ailleurs.</translation>
    </message>
    <message>
        <source>Enter its recovery key, or its passphrase if it was protected by one.</source>
        <translation>Saisissez sa clé de récupération, ou sa phrase secrète s&apos;il en a une.</translation>
    </message>
    <message>
        <source>This passphrase does not open the file. Check it (capitals count) and try again.</source>
        <translation>Cette phrase secrète n&apos;ouvre pas le fichier. Vérifiez-la (les majuscules comptent) et réessayez.</translation>
    </message>
    <message>
        <source>This recovery key is valid but belongs to another file: it does not open this one.</source>
        <translation>Cette clé de récupération est valide mais appartient à un autre fichier : elle n&apos;ouvre pas celui-ci.</translation>
    </message>
    <message>
        <source>Open a company file</source>
        <translation>Ouvrir un fichier de société</translation>
    </message>
    <message>
        <source>Daftar company files (*.daftar);;All files (*)</source>
        <translation>Fichiers de société Daftar (*.daftar);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Writing a year of books for the demo company…</source>
        <translation>Écriture d&apos;une année de comptabilité pour la société de démonstration…</translation>
    </message>
    <message>
        <source>Demo company</source>
        <translation>Société de démonstration</translation>
    </message>
</context>
<context>
    <name>parties</name>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>recurring</name>
    <message>
        <source>Monthly</source>
        <translation>Mensuelle</translation>
    </message>
    <message>
        <source>Every two months</source>
        <translation>Bimestrielle</translation>
    </message>
    <message>
        <source>Quarterly</source>
        <translation>Trimestrielle</translation>
    </message>
    <message>
        <source>Every four months</source>
        <translation>Quadrimestrielle</translation>
    </message>
    <message>
        <source>Half-yearly</source>
        <translation>Semestrielle</translation>
    </message>
    <message>
        <source>Yearly</source>
        <translation>Annuelle</translation>
    </message>
    <message>
        <source>Nothing was drafted. Fix what is said (open the year, reactivate the account…), pause the template or propose up to an earlier day, then try again:</source>
        <translation>Aucun brouillon n&apos;a été créé. Corrigez ce qui est indiqué (ouvrir l&apos;exercice, réactiver le compte…), suspendez le modèle ou proposez jusqu&apos;à une date antérieure, puis recommencez :</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Page {0} of {1}</source>
        <translation>Page {0} sur {1}</translation>
    </message>
    <message>
        <source>Trial balance</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>General ledger</source>
        <translation>Grand livre</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Balance sheet</source>
        <translation>Bilan</translation>
    </message>
    <message>
        <source>Income statement</source>
        <translation>Compte de résultat</translation>
    </message>
    <message>
        <source>Cash-flow statement</source>
        <translation>Tableau des flux de trésorerie</translation>
    </message>
    <message>
        <source>Third-party balances</source>
        <translation>Balance des tiers</translation>
    </message>
    <message>
        <source>Aged balance</source>
        <translation>Balance âgée</translation>
    </message>
    <message>
        <source>Non-current assets</source>
        <translation>Actifs non courants</translation>
    </message>
    <message>
        <source>Current assets</source>
        <translation>Actifs courants</translation>
    </message>
    <message>
        <source>Fixed assets</source>
        <translation>Actif immobilisé</translation>
    </message>
    <message>
        <source>Accruals</source>
        <translation>Comptes de régularisation</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Capitaux propres</translation>
    </message>
    <message>
        <source>Other equity</source>
        <translation>Autres fonds propres</translation>
    </message>
    <message>
        <source>Uncalled capital</source>
        <translation>Capital souscrit non appelé</translation>
    </message>
    <message>
        <source>Provisions</source>
        <translation>Provisions</translation>
    </message>
    <message>
        <source>Debts</source>
        <translation>Dettes</translation>
    </message>
    <message>
        <source>Non-current liabilities</source>
        <translation>Passifs non courants</translation>
    </message>
    <message>
        <source>Current liabilities</source>
        <translation>Passifs courants</translation>
    </message>
    <message>
        <source>Operating activities</source>
        <translation>Activités d&apos;exploitation</translation>
    </message>
    <message>
        <source>Financial items</source>
        <translation>Éléments financiers</translation>
    </message>
    <message>
        <source>Joint operations</source>
        <translation>Opérations faites en commun</translation>
    </message>
    <message>
        <source>Exceptional items</source>
        <translation>Éléments exceptionnels</translation>
    </message>
    <message>
        <source>Extraordinary items</source>
        <translation>Éléments extraordinaires</translation>
    </message>
    <message>
        <source>Income taxes</source>
        <translation>Impôts sur les résultats</translation>
    </message>
    <message>
        <source>Investing activities</source>
        <translation>Activités d&apos;investissement</translation>
    </message>
    <message>
        <source>Financing activities</source>
        <translation>Activités de financement</translation>
    </message>
    <message>
        <source>Cash and cash equivalents</source>
        <translation>Trésorerie et équivalents de trésorerie</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Opening debit</source>
        <translation>Débit à l&apos;ouverture</translation>
    </message>
    <message>
        <source>Opening credit</source>
        <translation>Crédit à l&apos;ouverture</translation>
    </message>
    <message>
        <source>Debit</source>
        <translation>Débit</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Crédit</translation>
    </message>
    <message>
        <source>Closing debit</source>
        <translation>Solde débiteur</translation>
    </message>
    <message>
        <source>Closing credit</source>
        <translation>Solde créditeur</translation>
    </message>
    <message>
        <source>Aged receivables</source>
        <translation>Balance âgée clients</translation>
    </message>
    <message>
        <source>Aged payables</source>
        <translation>Balance âgée fournisseurs</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>Non échu</translation>
    </message>
    <message>
        <source>0–30 days</source>
        <translation>0–30 jours</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 jours</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 jours</translation>
    </message>
    <message>
        <source>&gt; 90 days</source>
        <translation>&gt; 90 jours</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>(no third party)</source>
        <translation>(sans tiers)</translation>
    </message>
    <message>
        <source>Party / entry</source>
        <translation>Tiers / écriture</translation>
    </message>
    <message>
        <source>Name / label</source>
        <translation>Nom / libellé</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Lettre</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Jours de retard</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Écriture</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>Tiers</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Only the first {0} lines are printed: narrow the dates or the accounts, or export to CSV or Excel for every line (totals are left out).</source>
        <translation>Seules les {0} premières lignes sont imprimées : restreignez les dates ou les comptes, ou exportez en CSV ou en Excel pour avoir toutes les lignes (les totaux sont omis).</translation>
    </message>
    <message>
        <source>{0} lines read</source>
        <translation>{0} lignes lues</translation>
    </message>
    <message>
        <source>Only the first {0} lines are shown: narrow the dates or the accounts to see the rest (totals are left out).</source>
        <translation type="vanished">Seules les {0} premières lignes sont affichées : restreignez les dates ou les comptes pour voir la suite (les totaux sont omis).</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>Solde d&apos;ouverture</translation>
    </message>
    <message>
        <source>Total {0}</source>
        <translation>Total {0}</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>Brut</translation>
    </message>
    <message>
        <source>Depreciation and impairment</source>
        <translation>Amortissements et dépréciations</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>N-1 ({0})</source>
        <translation>N-1 ({0})</translation>
    </message>
    <message>
        <source>N-1 ({0} to {1})</source>
        <translation>N-1 (du {0} au {1})</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Total assets</source>
        <translation type="vanished">Total actif</translation>
    </message>
    <message>
        <source>Equity and liabilities</source>
        <translation>Passif</translation>
    </message>
    <message>
        <source>Total equity and liabilities</source>
        <translation type="vanished">Total passif</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Generated on {0}</source>
        <translation>Édité le {0}</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Classeurs Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>This report has {0} rows, more than the {1} rows an Excel sheet holds. Export it to CSV, or narrow the dates or the accounts.</source>
        <translation>Cet état compte {0} lignes, plus que les {1} lignes que contient une feuille Excel. Exportez-le en CSV, ou restreignez les dates ou les comptes.</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>Export de {0}…</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>Préparation de l&apos;état…</translation>
    </message>
    <message>
        <source>Export to PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>Exporter vers Excel</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>Print preview — {0}</source>
        <translation>Aperçu avant impression — {0}</translation>
    </message>
    <message>
        <source>Printing {0}…</source>
        <translation>Impression de {0}…</translation>
    </message>
    <message>
        <source>Writing the legal printout…</source>
        <translation>Écriture de l’édition légale…</translation>
    </message>
    <message>
        <source>Legal printout (PDF)</source>
        <translation>Édition légale (PDF)</translation>
    </message>
</context>
<context>
    <name>status</name>
    <message>
        <source>Sync: not set up</source>
        <translation type="vanished">Synchronisation : non configurée</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="vanished">Hors ligne</translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="vanished">En ligne</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="vanished">Synchronisation…</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>clôturé</translation>
    </message>
    <message>
        <source>Fiscal year {0} ({1})</source>
        <translation>Exercice {0} ({1})</translation>
    </message>
    <message>
        <source>Locked up to {0}</source>
        <translation>Verrouillé jusqu&apos;au {0}</translation>
    </message>
    <message>
        <source>Not locked</source>
        <translation>Non verrouillé</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Backup: none yet</source>
        <translation>Sauvegarde : aucune encore</translation>
    </message>
    <message>
        <source>Backup: {0}, overdue</source>
        <translation>Sauvegarde : {0}, en retard</translation>
    </message>
    <message>
        <source>Backup: {0}</source>
        <translation>Sauvegarde : {0}</translation>
    </message>
    <message>
        <source>Read-only: {0}</source>
        <translation>Lecture seule : {0}</translation>
    </message>
    <message>
        <source>Cloud: not connected</source>
        <translation>Cloud : non connecté</translation>
    </message>
    <message>
        <source>Cloud: offline</source>
        <translation>Cloud : hors ligne</translation>
    </message>
    <message>
        <source>Cloud: online</source>
        <translation>Cloud : en ligne</translation>
    </message>
    <message>
        <source>Cloud: syncing…</source>
        <translation>Cloud : synchronisation…</translation>
    </message>
    <message>
        <source>licence to renew by {0}</source>
        <translation>licence à renouveler avant le {0}</translation>
    </message>
</context>
<context>
    <name>updates</name>
    <message>
        <source>Daftar {0} could not start and was set aside; this is {1}</source>
        <translation>Daftar {0} n&apos;a pas pu démarrer et a été écarté ; version en cours : {1}</translation>
    </message>
    <message>
        <source>Updates come through the Daftar cloud: connect this PC first</source>
        <translation>Les mises à jour passent par le cloud Daftar : connectez d&apos;abord ce poste</translation>
    </message>
    <message>
        <source>Looking for a newer Daftar…</source>
        <translation>Recherche d&apos;une version plus récente de Daftar…</translation>
    </message>
    <message>
        <source>Downloading the update… {0} %</source>
        <translation>Téléchargement de la mise à jour… {0} %</translation>
    </message>
    <message>
        <source>Daftar {0} is up to date</source>
        <translation>Daftar {0} est à jour</translation>
    </message>
    <message>
        <source>Daftar {0} is ready: it starts the next time you open Daftar</source>
        <translation>Daftar {0} est prêt : il démarrera à la prochaine ouverture de Daftar</translation>
    </message>
    <message>
        <source>Daftar {0} could not start on this PC; staying on {1}</source>
        <translation>Daftar {0} n&apos;a pas pu démarrer sur ce poste ; maintien de la version {1}</translation>
    </message>
    <message>
        <source>Daftar {0} is available</source>
        <translation>Daftar {0} est disponible</translation>
    </message>
    <message>
        <source>Update not installed: {0}</source>
        <translation>Mise à jour non installée : {0}</translation>
    </message>
</context>
</TS>
