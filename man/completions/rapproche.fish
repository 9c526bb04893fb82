# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rapproche_global_optspecs
    string join \n config= h/help V/version
end

function __fish_rapproche_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rapproche_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rapproche_using_subcommand
    set -l cmd (__fish_rapproche_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rapproche -n "__fish_rapproche_needs_command" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_needs_command" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_needs_command" -s V -l version -d 'Affiche la version'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "match" -d 'Rapproche un export ENT et des listes Pronote, et écrit le fichier d\'import Pronote'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "report" -d 'Affiche le bilan du dernier rapprochement, ou la liste des comptes choisis'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "explain" -d 'Explique le rapprochement d\'un utilisateur Pronote ou d\'un compte ENT'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "link" -d 'Décide de toujours rapprocher un utilisateur Pronote et un compte ENT'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "unlink" -d 'Décide qu\'un utilisateur Pronote ne doit être rapproché d\'aucun compte ENT'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "reject" -d 'Décide de ne jamais rapprocher un utilisateur Pronote et un compte ENT'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "review" -d 'Passe en revue les utilisateurs à vérifier et non rapprochés, et enregistre vos décisions'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "diff" -d 'Compare les résultats de deux rapprochements (par exemple d\'une année à l\'autre)'
complete -c rapproche -n "__fish_rapproche_needs_command" -f -a "keygen" -d 'Crée la clé de l\'établissement (identité age) pour recevoir l\'export ENT chiffré'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -s i -l identity -d 'Fichier d\'identité age (AGE-SECRET-KEY-1...) qui ouvre l\'export ; répétable. Aussi lu dans la variable RAPPROCHE_IDENTITY' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -s p -l population -d 'Population des listes sans colonne Population : eleves, responsables, professeurs, personnels ou inspecteurs' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l uai -d 'Établissement (UAI, ex. 0130001A) des listes Pronote, quand l\'export ENT en couvre plusieurs ; répétable. Sans --uai, l\'établissement de chaque liste est déduit des comptes que ses utilisateurs rapprochent exactement. Un utilisateur n\'est jamais rapproché d\'un compte d\'un autre établissement' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -s o -l output -d 'Fichier d\'import Pronote à écrire, quand une seule liste est donnée (par défaut : <liste>.rapproche.csv à côté de la liste)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l output-dir -d 'Dossier où écrire les fichiers d\'import, quand plusieurs listes sont données (<liste>.rapproche.csv ; des listes de même nom venues de dossiers différents, un par établissement, y sont préfixées du nom de leur dossier : 0130001A-eleves.rapproche.csv)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l ent-import -d 'Écrit aussi le fichier d\'import pour l\'ENT (Identifiant ENT;Identifiant PRONOTE-ENT)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l decisions -d 'Fichier des décisions manuelles, gardé d\'une année sur l\'autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l existing -d 'Que faire des identifiants déjà présents dans les listes (colonnes Identifiant ENT et Identifiant CAS) : keep (gardés s\'ils désignent un compte de l\'export, sans conflit), verify (par défaut : gardés seulement si le rapprochement les confirme, sinon l\'utilisateur est à vérifier) ou reset (tous effacés : la réinitialisation de chaque rentrée)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l accept -d 'Score minimal pour un rapprochement approché (par défaut : 3)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l margin -d 'Écart minimal entre le meilleur candidat et le suivant (par défaut : 4)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l max-estimated-wrong -d 'Nombre estimé de liens faux au-delà duquel la commande se termine avec le code 1 (reste à vérifier), pour les traitements automatiques' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l force -d 'Remplace les fichiers de sortie qui existent déjà'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -s q -l quiet -d 'N\'affiche que les erreurs'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -s v -l verbose -d 'Affiche le détail du traitement (fichiers lus, comptes par population)'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l json -d 'Affiche le bilan en JSON sur la sortie standard (pour les scripts), au lieu du tableau'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l remove-export -d 'Supprime le ou les exports ENT donnés, une fois tous les fichiers écrits (jamais en cas d\'erreur)'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -l lecture-seule -d 'Déchiffre et lit les fichiers, puis s\'arrête : ne rapproche rien et n\'écrit rien. Mesure le coût plancher de la lecture (README, « Performances »)'
complete -c rapproche -n "__fish_rapproche_using_subcommand match" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -s p -l population -d 'Ne montre qu\'une population : eleves, responsables, professeurs, personnels ou inspecteurs' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l status -d 'Ne montre qu\'un statut : exact, approche, decision, existant, a-verifier, non-rapproche ou sans-compte' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l format -d 'Format de sortie : table (par défaut), csv, json ou html (page de supervision à ouvrir dans un navigateur)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -s o -l output -d 'Écrit le rapport dans ce fichier au lieu de l\'afficher' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l unmatched -d 'Ne montre que les comptes non rapprochés ou à vérifier, côté Pronote et côté ENT'
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l stale-ids -d 'Ne montre que les utilisateurs dont l\'identifiant déjà présent dans Pronote (Identifiant ENT ou Identifiant CAS) est périmé, en conflit ou non confirmé'
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l json -d 'Comme --format json'
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -l force -d 'Remplace le fichier de sortie s\'il existe déjà'
complete -c rapproche -n "__fish_rapproche_using_subcommand report" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand explain" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand explain" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand explain" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand link" -s m -l comment -d 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n\'en contient aucun)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand link" -l decisions -d 'Fichier des décisions manuelles, gardé d\'une année sur l\'autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand link" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand link" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand link" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand unlink" -s m -l comment -d 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n\'en contient aucun)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand unlink" -l decisions -d 'Fichier des décisions manuelles, gardé d\'une année sur l\'autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand unlink" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand unlink" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand unlink" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand reject" -s m -l comment -d 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n\'en contient aucun)' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand reject" -l decisions -d 'Fichier des décisions manuelles, gardé d\'une année sur l\'autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand reject" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand reject" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand reject" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand review" -s p -l population -d 'Ne passe en revue qu\'une population : eleves, responsables, professeurs, personnels ou inspecteurs' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand review" -l decisions -d 'Fichier des décisions manuelles, gardé d\'une année sur l\'autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand review" -l state-dir -d 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand review" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand review" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand diff" -l format -d 'Format de sortie : table (par défaut), csv ou json' -r
complete -c rapproche -n "__fish_rapproche_using_subcommand diff" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand diff" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
complete -c rapproche -n "__fish_rapproche_using_subcommand keygen" -s o -l output -d 'Fichier où écrire l\'identité (par défaut : affichée sur la sortie standard)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand keygen" -l config -d 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s\'il existe)' -r -F
complete -c rapproche -n "__fish_rapproche_using_subcommand keygen" -l force -d 'Remplace le fichier s\'il existe déjà'
complete -c rapproche -n "__fish_rapproche_using_subcommand keygen" -s h -l help -d 'Affiche l\'aide (-h : résumé, --help : détaillée)'
