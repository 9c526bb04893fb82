
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'rapproche' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'rapproche'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'rapproche' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Affiche la version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Affiche la version')
            [CompletionResult]::new('match', 'match', [CompletionResultType]::ParameterValue, 'Rapproche un export ENT et des listes Pronote, et écrit le fichier d''import Pronote')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Affiche le bilan du dernier rapprochement, ou la liste des comptes choisis')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Explique le rapprochement d''un utilisateur Pronote ou d''un compte ENT')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Décide de toujours rapprocher un utilisateur Pronote et un compte ENT')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Décide qu''un utilisateur Pronote ne doit être rapproché d''aucun compte ENT')
            [CompletionResult]::new('reject', 'reject', [CompletionResultType]::ParameterValue, 'Décide de ne jamais rapprocher un utilisateur Pronote et un compte ENT')
            [CompletionResult]::new('review', 'review', [CompletionResultType]::ParameterValue, 'Passe en revue les utilisateurs à vérifier et non rapprochés, et enregistre vos décisions')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Compare les résultats de deux rapprochements (par exemple d''une année à l''autre)')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Crée la clé de l''établissement (identité age) pour recevoir l''export ENT chiffré')
            break
        }
        'rapproche;match' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Fichier d''identité age (AGE-SECRET-KEY-1...) qui ouvre l''export ; répétable. Aussi lu dans la variable RAPPROCHE_IDENTITY')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Fichier d''identité age (AGE-SECRET-KEY-1...) qui ouvre l''export ; répétable. Aussi lu dans la variable RAPPROCHE_IDENTITY')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Population des listes sans colonne Population : eleves, responsables, professeurs, personnels ou inspecteurs')
            [CompletionResult]::new('--population', '--population', [CompletionResultType]::ParameterName, 'Population des listes sans colonne Population : eleves, responsables, professeurs, personnels ou inspecteurs')
            [CompletionResult]::new('--uai', '--uai', [CompletionResultType]::ParameterName, 'Établissement (UAI, ex. 0130001A) des listes Pronote, quand l''export ENT en couvre plusieurs ; répétable. Sans --uai, l''établissement de chaque liste est déduit des comptes que ses utilisateurs rapprochent exactement. Un utilisateur n''est jamais rapproché d''un compte d''un autre établissement')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Fichier d''import Pronote à écrire, quand une seule liste est donnée (par défaut : <liste>.rapproche.csv à côté de la liste)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Fichier d''import Pronote à écrire, quand une seule liste est donnée (par défaut : <liste>.rapproche.csv à côté de la liste)')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Dossier où écrire les fichiers d''import, quand plusieurs listes sont données (<liste>.rapproche.csv ; des listes de même nom venues de dossiers différents, un par établissement, y sont préfixées du nom de leur dossier : 0130001A-eleves.rapproche.csv)')
            [CompletionResult]::new('--ent-import', '--ent-import', [CompletionResultType]::ParameterName, 'Écrit aussi le fichier d''import pour l''ENT (Identifiant ENT;Identifiant PRONOTE-ENT)')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--decisions', '--decisions', [CompletionResultType]::ParameterName, 'Fichier des décisions manuelles, gardé d''une année sur l''autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS')
            [CompletionResult]::new('--existing', '--existing', [CompletionResultType]::ParameterName, 'Que faire des identifiants déjà présents dans les listes (colonnes Identifiant ENT et Identifiant CAS) : keep (gardés s''ils désignent un compte de l''export, sans conflit), verify (par défaut : gardés seulement si le rapprochement les confirme, sinon l''utilisateur est à vérifier) ou reset (tous effacés : la réinitialisation de chaque rentrée)')
            [CompletionResult]::new('--accept', '--accept', [CompletionResultType]::ParameterName, 'Score minimal pour un rapprochement approché (par défaut : 3)')
            [CompletionResult]::new('--margin', '--margin', [CompletionResultType]::ParameterName, 'Écart minimal entre le meilleur candidat et le suivant (par défaut : 4)')
            [CompletionResult]::new('--max-estimated-wrong', '--max-estimated-wrong', [CompletionResultType]::ParameterName, 'Nombre estimé de liens faux au-delà duquel la commande se termine avec le code 1 (reste à vérifier), pour les traitements automatiques')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remplace les fichiers de sortie qui existent déjà')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'N''affiche que les erreurs')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'N''affiche que les erreurs')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Affiche le détail du traitement (fichiers lus, comptes par population)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Affiche le détail du traitement (fichiers lus, comptes par population)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Affiche le bilan en JSON sur la sortie standard (pour les scripts), au lieu du tableau')
            [CompletionResult]::new('--remove-export', '--remove-export', [CompletionResultType]::ParameterName, 'Supprime le ou les exports ENT donnés, une fois tous les fichiers écrits (jamais en cas d''erreur)')
            [CompletionResult]::new('--lecture-seule', '--lecture-seule', [CompletionResultType]::ParameterName, 'Déchiffre et lit les fichiers, puis s''arrête : ne rapproche rien et n''écrit rien. Mesure le coût plancher de la lecture (README, « Performances »)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;report' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Ne montre qu''une population : eleves, responsables, professeurs, personnels ou inspecteurs')
            [CompletionResult]::new('--population', '--population', [CompletionResultType]::ParameterName, 'Ne montre qu''une population : eleves, responsables, professeurs, personnels ou inspecteurs')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Ne montre qu''un statut : exact, approche, decision, existant, a-verifier, non-rapproche ou sans-compte')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format de sortie : table (par défaut), csv, json ou html (page de supervision à ouvrir dans un navigateur)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Écrit le rapport dans ce fichier au lieu de l''afficher')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Écrit le rapport dans ce fichier au lieu de l''afficher')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('--unmatched', '--unmatched', [CompletionResultType]::ParameterName, 'Ne montre que les comptes non rapprochés ou à vérifier, côté Pronote et côté ENT')
            [CompletionResult]::new('--stale-ids', '--stale-ids', [CompletionResultType]::ParameterName, 'Ne montre que les utilisateurs dont l''identifiant déjà présent dans Pronote (Identifiant ENT ou Identifiant CAS) est périmé, en conflit ou non confirmé')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Comme --format json')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remplace le fichier de sortie s''il existe déjà')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;explain' {
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;link' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n''en contient aucun)')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n''en contient aucun)')
            [CompletionResult]::new('--decisions', '--decisions', [CompletionResultType]::ParameterName, 'Fichier des décisions manuelles, gardé d''une année sur l''autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;unlink' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n''en contient aucun)')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n''en contient aucun)')
            [CompletionResult]::new('--decisions', '--decisions', [CompletionResultType]::ParameterName, 'Fichier des décisions manuelles, gardé d''une année sur l''autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;reject' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n''en contient aucun)')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Commentaire gardé sur la ligne de la décision (sans nom : le fichier n''en contient aucun)')
            [CompletionResult]::new('--decisions', '--decisions', [CompletionResultType]::ParameterName, 'Fichier des décisions manuelles, gardé d''une année sur l''autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;review' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Ne passe en revue qu''une population : eleves, responsables, professeurs, personnels ou inspecteurs')
            [CompletionResult]::new('--population', '--population', [CompletionResultType]::ParameterName, 'Ne passe en revue qu''une population : eleves, responsables, professeurs, personnels ou inspecteurs')
            [CompletionResult]::new('--decisions', '--decisions', [CompletionResultType]::ParameterName, 'Fichier des décisions manuelles, gardé d''une année sur l''autre (par défaut : rapproche-decisions.txt dans le dossier courant). Aussi lu dans la variable RAPPROCHE_DECISIONS')
            [CompletionResult]::new('--state-dir', '--state-dir', [CompletionResultType]::ParameterName, 'Dossier où le résultat du rapprochement est gardé (par défaut : .rapproche)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;diff' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Format de sortie : table (par défaut), csv ou json')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
        'rapproche;keygen' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Fichier où écrire l''identité (par défaut : affichée sur la sortie standard)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Fichier où écrire l''identité (par défaut : affichée sur la sortie standard)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Fichier de configuration (par défaut : variable RAPPROCHE_CONFIG, sinon ./rapproche.toml s''il existe)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remplace le fichier s''il existe déjà')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Affiche l''aide (-h : résumé, --help : détaillée)')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
