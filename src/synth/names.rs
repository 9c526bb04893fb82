//! Name, postal-code and establishment-code pools for the synthetic data.
//!
//! In: a seeded random generator. Out: last names (with a Zipf-like
//! frequency so that homonyms happen, compound and foreign ones), given
//! names by sex, generation and origin, postal codes of a département and
//! UAI codes. The pools are plain tables; the picking is weighted with
//! integer weights so that the output is the same on every platform.

use super::{chance, pick, pick_weighted};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Where a family's names come from: decides both name pools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    French,
    Portuguese,
    Maghrebi,
    Turkish,
    Asian,
    African,
    European,
}

/// Man or woman: given names and civility depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sex {
    Male,
    Female,
}

/// Children (born 2006–2015) and adults carry different given names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Generation {
    Child,
    Adult,
}

// Frequent French last names, most frequent first (INSEE order, roughly).
const FRENCH_LAST: &[&str] = &[
    "MARTIN",
    "BERNARD",
    "THOMAS",
    "PETIT",
    "ROBERT",
    "RICHARD",
    "DURAND",
    "DUBOIS",
    "MOREAU",
    "LAURENT",
    "SIMON",
    "MICHEL",
    "LEFEBVRE",
    "LEROY",
    "ROUX",
    "DAVID",
    "BERTRAND",
    "MOREL",
    "FOURNIER",
    "GIRARD",
    "BONNET",
    "DUPONT",
    "LAMBERT",
    "FONTAINE",
    "ROUSSEAU",
    "VINCENT",
    "MULLER",
    "LEFÈVRE",
    "FAURE",
    "ANDRÉ",
    "MERCIER",
    "BLANC",
    "GUÉRIN",
    "BOYER",
    "GARNIER",
    "CHEVALIER",
    "FRANÇOIS",
    "LEGRAND",
    "GAUTHIER",
    "GARCIA",
    "PERRIN",
    "ROBIN",
    "CLÉMENT",
    "MORIN",
    "NICOLAS",
    "HENRY",
    "ROUSSEL",
    "MATHIEU",
    "GAUTIER",
    "MASSON",
    "MARCHAND",
    "DUVAL",
    "DENIS",
    "DUMONT",
    "MARIE",
    "LEMAIRE",
    "NOËL",
    "MEYER",
    "DUFOUR",
    "MEUNIER",
    "BRUN",
    "BLANCHARD",
    "GIRAUD",
    "JOLY",
    "RIVIÈRE",
    "LUCAS",
    "BRUNET",
    "GAILLARD",
    "BARBIER",
    "ARNAUD",
    "MARTINEZ",
    "GÉRARD",
    "ROCHE",
    "RENARD",
    "SCHMITT",
    "ROY",
    "LEROUX",
    "COLIN",
    "VIDAL",
    "CARON",
    "PICARD",
    "ROGER",
    "FABRE",
    "AUBERT",
    "LEMOINE",
    "RENAUD",
    "DUMAS",
    "LACROIX",
    "OLIVIER",
    "PHILIPPE",
    "BOURGEOIS",
    "PIERRE",
    "BENOÎT",
    "REY",
    "LECLERC",
    "PAYET",
    "ROLLAND",
    "LECLERCQ",
    "GUILLAUME",
    "LECOMTE",
    "LOPEZ",
    "JEAN",
    "DUPUY",
    "GUILLOT",
    "HUBERT",
    "BERGER",
    "CARPENTIER",
    "SANCHEZ",
    "DUPUIS",
    "MOULIN",
    "LOUIS",
    "DESCHAMPS",
    "HUET",
    "VASSEUR",
    "PEREZ",
    "BOUCHER",
    "FLEURY",
    "ROYER",
    "KLEIN",
    "JACQUET",
    "ADAM",
    "PARIS",
    "POIRIER",
    "MARTY",
    "AUBRY",
    "GUYOT",
    "CARRÉ",
    "CHARLES",
    "RENAULT",
    "CHARPENTIER",
    "MÉNARD",
    "MAILLARD",
    "BARON",
    "BERTIN",
    "BAILLY",
    "HERVÉ",
    "SCHNEIDER",
    "FERNANDEZ",
    "COLLET",
    "LÉGER",
    "BOUVIER",
    "JULIEN",
    "PRÉVOST",
    "MILLET",
    "PERROT",
    "DANIEL",
    "COUSIN",
    "GERMAIN",
    "BRETON",
    "BESSON",
    "LANGLOIS",
    "RÉMY",
    "PELLETIER",
    "LEVÊQUE",
    "PERRIER",
    "LEBLANC",
    "BARRÉ",
    "LEBRUN",
    "MARCHAL",
    "WEBER",
    "MALLET",
    "HAMON",
    "BOULANGER",
    "JACOB",
    "MONNIER",
    "MICHAUD",
    "GUICHARD",
    "GILLET",
    "ÉTIENNE",
    "GRONDIN",
    "POULAIN",
    "TESSIER",
    "CHEVALLIER",
    "COLLIN",
    "CHAUVIN",
    "BOUCHET",
    "GAY",
    "LEMAÎTRE",
    "BÉNARD",
    "MARÉCHAL",
    "HUMBERT",
    "REYNAUD",
    "ANTOINE",
    "HOARAU",
    "PERRET",
    "BARTHÉLEMY",
    "CORDIER",
    "PICHON",
    "LEJEUNE",
    "GILBERT",
    "LAMY",
    "DELAUNAY",
    "PASQUIER",
    "CARLIER",
    "LAPORTE",
    "DUCHÊNE",
    "TEXIER",
    "MARTEL",
    "COURTOIS",
    "BOURDON",
    "LEBON",
    "VALLÉE",
    "DELMAS",
    "RIGAUD",
    "ESNAULT",
    "THIBAULT",
];

// Compound names: particles, apostrophes, spaces and hyphens (the traps).
const COMPOUND_LAST: &[&str] = &[
    "LE GALL",
    "LE GOFF",
    "LE ROUX",
    "LE BRIS",
    "LE CORRE",
    "LE BIHAN",
    "DE LA FONTAINE",
    "DE LA CROIX",
    "DES ROCHES",
    "DU PLESSIS",
    "DE SAINT-JEAN",
    "SAINT-MARTIN",
    "D'ALMEIDA",
    "D'ANGELO",
    "N'DIAYE",
    "N'GUESSAN",
    "DI MARCO",
    "LA ROSA",
    "VAN DER BERG",
    "MARTIN-DUBOIS",
    "LEROY-BEAULIEU",
    "PETIT-JEAN",
    "GRAND-CLÉMENT",
    "DE OLIVEIRA",
    "DOS SANTOS",
    "DA SILVA",
    "DA COSTA",
    "DE SOUSA",
    "EL AMRANI",
    "EL IDRISSI",
    "AIT AHMED",
    "BEN SAÏD",
];

const PORTUGUESE_LAST: &[&str] = &[
    "PEREIRA",
    "FERREIRA",
    "RODRIGUES",
    "ALVES",
    "GONÇALVES",
    "RIBEIRO",
    "CARVALHO",
    "LOPES",
    "MARQUES",
    "SOUSA",
    "TEIXEIRA",
    "MOREIRA",
    "CORREIA",
    "MENDES",
    "PINTO",
    "FERNANDES",
    "MARTINS",
    "COSTA",
    "OLIVEIRA",
    "SANTOS",
    "DA SILVA",
    "DOS SANTOS",
    "DE OLIVEIRA",
    "DA COSTA",
    "AZEVEDO",
    "CARDOSO",
    "NUNES",
    "SOARES",
    "VIEIRA",
    "MONTEIRO",
    "CUNHA",
    "FONSECA",
    "LEITE",
    "MACHADO",
    "BARBOSA",
    "ROCHA",
    "MOTA",
    "FARIA",
    "TAVARES",
    "CAMPOS",
    "REIS",
    "MAGALHÃES",
];

const MAGHREBI_LAST: &[&str] = &[
    "BENALI",
    "BOUZID",
    "HADDAD",
    "BRAHIMI",
    "MANSOURI",
    "BENAMAR",
    "CHERIF",
    "KHELIFI",
    "AMRANI",
    "BELKACEM",
    "SAIDI",
    "HAMIDI",
    "ZITOUNI",
    "BOUAZIZ",
    "MEZIANE",
    "OUALI",
    "TAHIRI",
    "BENNANI",
    "LAHLOU",
    "BOUDJEMAA",
    "AIT AHMED",
    "EL AMRANI",
    "EL KHATTABI",
    "BEN MOHAMED",
    "BOUCHAREB",
    "HAMDI",
    "CHAOUI",
    "BOUALEM",
    "AZZOUZ",
    "MEKKI",
    "BENSALEM",
    "LARBI",
    "OUAZZANI",
    "BERRADA",
    "BENYAHIA",
    "MEDJAHED",
    "ZERROUKI",
    "HAMMOUDI",
    "TOUATI",
    "BELHADJ",
    "GUERFI",
    "AOUADI",
    "REZGUI",
    "DRIDI",
    "JEBALI",
    "TRABELSI",
    "GHARBI",
    "MESSAOUDI",
    "KADDOUR",
    "BOUKHRIS",
    "SLIMANI",
    "NASRI",
    "CHAABANE",
    "ABDELLI",
    "AMARA",
    "MOUSSAOUI",
];

const TURKISH_LAST: &[&str] = &[
    "YILMAZ", "KAYA", "DEMIR", "ŞAHIN", "ÇELIK", "YILDIZ", "YILDIRIM", "ÖZTÜRK", "AYDIN",
    "ÖZDEMIR", "ARSLAN", "DOĞAN", "KILIÇ", "ASLAN", "KARA", "KOÇ", "KURT", "ÖZKAN", "ŞIMŞEK",
    "POLAT", "ERDOĞAN", "GÜNEŞ", "TEKIN", "AKTAŞ", "YALÇIN", "BULUT", "KESKIN", "ÜNAL",
];

const ASIAN_LAST: &[&str] = &[
    "NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU", "VO", "DANG", "BUI", "DO",
    "NGO", "DUONG", "LY", "CHEN", "WANG", "ZHANG", "LI", "LIN",
];

const AFRICAN_LAST: &[&str] = &[
    "DIALLO",
    "TRAORÉ",
    "KONÉ",
    "COULIBALY",
    "DIOP",
    "NDIAYE",
    "N'DIAYE",
    "CISSÉ",
    "CAMARA",
    "SYLLA",
    "TOURÉ",
    "DIARRA",
    "KEITA",
    "SOW",
    "FOFANA",
    "BA",
    "MENSAH",
    "KOUASSI",
    "SISSOKO",
    "DOUCOURÉ",
    "SANGARÉ",
    "KANTÉ",
    "BAMBA",
    "DEMBÉLÉ",
    "GUEYE",
    "FALL",
    "NIANG",
    "MBAYE",
    "N'GUESSAN",
    "KOUAMÉ",
    "YAO",
    "OUATTARA",
];

const EUROPEAN_LAST: &[&str] = &[
    "ROSSI",
    "RUSSO",
    "FERRARI",
    "ESPOSITO",
    "BIANCHI",
    "ROMANO",
    "GONZALEZ",
    "HERNANDEZ",
    "JIMENEZ",
    "RUIZ",
    "MORENO",
    "MUÑOZ",
    "ALVAREZ",
    "NOWAK",
    "KOWALSKI",
    "WISNIEWSKI",
    "LEWANDOWSKI",
    "SCHMIDT",
    "WAGNER",
];

// Syllables for rare French-looking names: the long tail of the distribution.
const RARE_HEAD: &[&str] = &[
    "BOU", "CHA", "MAR", "LA", "PE", "RO", "GRAN", "VIL", "BEL", "FOU", "MON", "COR", "SAU", "TRO",
    "BAR", "CLE", "GUI", "JOU", "MIL", "DES", "VER", "BRO", "CHE", "PIN",
];
const RARE_MID: &[&str] = &[
    "R", "L", "N", "ND", "RT", "SS", "ILL", "CH", "V", "", "GN", "M",
];
const RARE_TAIL: &[&str] = &[
    "ET", "AT", "IER", "EAU", "AND", "IN", "OT", "ON", "EUX", "ARD", "EL", "ÈRE", "ENS", "AC", "Y",
    "OUX", "ELLE", "AUD",
];

const CHILD_FEMALE: &[&str] = &[
    "Emma",
    "Léa",
    "Chloé",
    "Manon",
    "Inès",
    "Jade",
    "Camille",
    "Lola",
    "Sarah",
    "Louise",
    "Zoé",
    "Lina",
    "Léna",
    "Clara",
    "Juliette",
    "Lucie",
    "Anaïs",
    "Mathilde",
    "Romane",
    "Eva",
    "Maëlys",
    "Océane",
    "Laura",
    "Pauline",
    "Margaux",
    "Alicia",
    "Louna",
    "Ambre",
    "Nina",
    "Alice",
    "Lou",
    "Agathe",
    "Marie",
    "Elsa",
    "Justine",
    "Julie",
    "Maëlle",
    "Noémie",
    "Clémence",
    "Héloïse",
    "Éloïse",
    "Anna",
    "Lily",
    "Rose",
    "Charlotte",
    "Salomé",
    "Margot",
    "Emmy",
    "Léonie",
    "Mélissa",
    "Maya",
    "Louane",
    "Célia",
    "Capucine",
    "Marie-Lou",
    "Lou-Anne",
    "Anne-Sophie",
];

const CHILD_MALE: &[&str] = &[
    "Lucas",
    "Hugo",
    "Nathan",
    "Enzo",
    "Louis",
    "Gabriel",
    "Jules",
    "Arthur",
    "Raphaël",
    "Théo",
    "Tom",
    "Mathis",
    "Noah",
    "Léo",
    "Ethan",
    "Maxime",
    "Clément",
    "Baptiste",
    "Timéo",
    "Antoine",
    "Alexandre",
    "Paul",
    "Adam",
    "Sacha",
    "Evan",
    "Axel",
    "Mathéo",
    "Thomas",
    "Nolan",
    "Matteo",
    "Victor",
    "Valentin",
    "Quentin",
    "Romain",
    "Bastien",
    "Killian",
    "Dylan",
    "Kylian",
    "Noé",
    "Aaron",
    "Martin",
    "Gaël",
    "Lenny",
    "Eliott",
    "Esteban",
    "Loïc",
    "Benjamin",
    "Samuel",
    "Titouan",
    "Jean-Baptiste",
    "Pierre-Louis",
    "Paul-Antoine",
];

const ADULT_FEMALE: &[&str] = &[
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Catherine",
    "Sandrine",
    "Valérie",
    "Christine",
    "Stéphanie",
    "Céline",
    "Véronique",
    "Sophie",
    "Virginie",
    "Aurélie",
    "Émilie",
    "Caroline",
    "Julie",
    "Karine",
    "Laurence",
    "Anne",
    "Marie",
    "Patricia",
    "Hélène",
    "Corinne",
    "Delphine",
    "Séverine",
    "Florence",
    "Audrey",
    "Élodie",
    "Martine",
    "Marie-Josée",
    "Anne-Sophie",
    "Marie-Claire",
    "Marie-Hélène",
    "Anne-Laure",
    "Laetitia",
    "Estelle",
    "Cécile",
    "Agnès",
    "Béatrice",
    "Brigitte",
    "Françoise",
    "Géraldine",
    "Muriel",
    "Mélanie",
    "Jessica",
    "Amandine",
    "Angélique",
    "Fabienne",
];

const ADULT_MALE: &[&str] = &[
    "Philippe",
    "Christophe",
    "Stéphane",
    "Laurent",
    "Frédéric",
    "Éric",
    "Nicolas",
    "David",
    "Olivier",
    "Pascal",
    "Thierry",
    "Sébastien",
    "Jérôme",
    "Patrick",
    "Didier",
    "Julien",
    "Franck",
    "Vincent",
    "Alain",
    "Bruno",
    "Emmanuel",
    "Fabrice",
    "Jean-Michel",
    "Jean-Pierre",
    "Jean-François",
    "Jean-Luc",
    "Jean-Marc",
    "Pierre-Yves",
    "Cédric",
    "Yannick",
    "Hervé",
    "Gilles",
    "Guillaume",
    "Arnaud",
    "Benoît",
    "Mickaël",
    "Grégory",
    "Damien",
    "Ludovic",
    "Jean",
    "François",
    "Michel",
    "Dominique",
    "Xavier",
    "Mathieu",
    "Rémi",
    "Joël",
];

const MAGHREBI_FEMALE: &[&str] = &[
    "Inès", "Yasmine", "Sarah", "Lina", "Nour", "Amira", "Salma", "Aya", "Meriem", "Imane",
    "Assia", "Nawel", "Rania", "Hiba", "Malak", "Chaïma", "Sirine", "Yousra", "Kenza", "Farah",
];
const MAGHREBI_MALE: &[&str] = &[
    "Mohamed", "Adam", "Yanis", "Rayan", "Ilyes", "Amine", "Mehdi", "Bilal", "Nassim", "Ayoub",
    "Yacine", "Anis", "Sofiane", "Walid", "Ismaël", "Zakaria", "Hamza", "Idriss", "Marwan", "Sami",
];
const MAGHREBI_ADULT_FEMALE: &[&str] = &[
    "Fatima", "Samira", "Nadia", "Karima", "Leïla", "Malika", "Souad", "Rachida", "Naïma", "Amina",
    "Zohra", "Yamina", "Khadija", "Houria", "Djamila", "Farida", "Nora", "Saliha", "Hafida",
    "Latifa", "Sabrina", "Myriam", "Linda", "Wafa", "Dalila",
];
const MAGHREBI_ADULT_MALE: &[&str] = &[
    "Mohamed",
    "Karim",
    "Ahmed",
    "Rachid",
    "Abdelkader",
    "Mustapha",
    "Farid",
    "Hakim",
    "Djamel",
    "Nordine",
    "Samir",
    "Mourad",
    "Kamel",
    "Saïd",
    "Brahim",
    "Youssef",
    "Abdel",
    "Hicham",
    "Khaled",
    "Omar",
    "Ali",
    "Hassan",
    "Nabil",
    "Lotfi",
    "Slimane",
    "Malik",
];
const PORTUGUESE_FEMALE: &[&str] = &[
    "Ana", "Maria", "Inês", "Beatriz", "Mariana", "Sofia", "Joana", "Rita", "Carolina", "Leonor",
    "Matilde", "Lara",
];
const PORTUGUESE_MALE: &[&str] = &[
    "João", "Tiago", "Rafael", "Diogo", "Pedro", "Rui", "Duarte", "Gonçalo", "Miguel", "Martim",
    "Afonso", "Henrique",
];
const PORTUGUESE_ADULT_FEMALE: &[&str] = &[
    "Maria",
    "Fátima",
    "Conceição",
    "Ana",
    "Rosa",
    "Isabel",
    "Teresa",
    "Paula",
    "Sandra",
    "Cristina",
    "Manuela",
    "Graça",
    "Lurdes",
];
const PORTUGUESE_ADULT_MALE: &[&str] = &[
    "José", "Manuel", "Carlos", "Paulo", "António", "Joaquim", "Fernando", "Jorge", "Luís",
    "Mário", "Nuno", "Armando", "Vítor",
];
const TURKISH_FEMALE: &[&str] = &[
    "Elif", "Zeynep", "Ayşe", "Merve", "Büşra", "Esra", "Selin", "Ebru", "Derya", "Hülya", "Sevgi",
    "Gül",
];
const TURKISH_MALE: &[&str] = &[
    "Emre", "Mehmet", "Mustafa", "Yusuf", "Burak", "Enes", "Ömer", "Hakan", "Serkan", "Murat",
    "Kemal", "Volkan",
];
const ASIAN_FEMALE: &[&str] = &[
    "Thi Lan", "Linh", "Thi Hoa", "Huong", "Mai", "Xin", "Ngoc Anh",
];
const ASIAN_MALE: &[&str] = &["Minh", "Van Duc", "Quoc Anh", "Bao", "Thanh", "Wei", "Jie"];
const AFRICAN_FEMALE: &[&str] = &[
    "Aminata",
    "Fatoumata",
    "Awa",
    "Mariam",
    "Kadiatou",
    "Aïssatou",
    "Binta",
    "Coumba",
    "Oumou",
    "Adama",
    "Ramatoulaye",
    "Hawa",
];
const AFRICAN_MALE: &[&str] = &[
    "Mamadou",
    "Moussa",
    "Ibrahima",
    "Ousmane",
    "Sékou",
    "Amadou",
    "Boubacar",
    "Souleymane",
    "Cheikh",
    "Lamine",
    "Modibo",
    "Issa",
];

// Less frequent given names: the tail that keeps homonyms rare.
const CHILD_FEMALE_TAIL: &[&str] = &[
    "Adèle",
    "Albane",
    "Alix",
    "Apolline",
    "Ariane",
    "Astrid",
    "Aurore",
    "Bérénice",
    "Blanche",
    "Candice",
    "Cassandre",
    "Céleste",
    "Clarisse",
    "Coline",
    "Constance",
    "Daphné",
    "Diane",
    "Domitille",
    "Edwige",
    "Elina",
    "Elisa",
    "Émeline",
    "Erine",
    "Esther",
    "Faustine",
    "Flavie",
    "Garance",
    "Gwendoline",
    "Hortense",
    "Inaya",
    "Iris",
    "Isaure",
    "Jeanne",
    "Joséphine",
    "Judith",
    "Lana",
    "Laly",
    "Léane",
    "Lison",
    "Livia",
    "Lorine",
    "Lyna",
    "Maëva",
    "Mahé",
    "Maïwenn",
    "Marine",
    "Mathilda",
    "Mélina",
    "Mila",
    "Morgane",
    "Naëlle",
    "Ninon",
    "Olivia",
    "Ophélie",
    "Perrine",
    "Philippine",
    "Romy",
    "Sixtine",
    "Soline",
    "Suzanne",
    "Tess",
    "Victoire",
    "Wendy",
];
const CHILD_MALE_TAIL: &[&str] = &[
    "Abel",
    "Achille",
    "Adrien",
    "Alban",
    "Aloïs",
    "Amaury",
    "Anatole",
    "Armand",
    "Augustin",
    "Aurélien",
    "Basile",
    "Benoît",
    "Bertrand",
    "Brice",
    "Calixte",
    "Charles",
    "Côme",
    "Corentin",
    "Cyprien",
    "Damien",
    "Edgar",
    "Élie",
    "Émile",
    "Erwan",
    "Félix",
    "Florian",
    "Gaspard",
    "Gauthier",
    "Gustave",
    "Hector",
    "Hippolyte",
    "Isaac",
    "Jonas",
    "Joseph",
    "Kévin",
    "Léon",
    "Loris",
    "Lorenzo",
    "Malo",
    "Marius",
    "Mathias",
    "Maël",
    "Nils",
    "Octave",
    "Oscar",
    "Pablo",
    "Pierre",
    "Robin",
    "Ruben",
    "Simon",
    "Swann",
    "Tanguy",
    "Teddy",
    "Tristan",
    "Ugo",
    "Vadim",
    "Xavier",
    "Yann",
    "Yoann",
    "Zacharie",
];
const ADULT_FEMALE_TAIL: &[&str] = &[
    "Adeline",
    "Alexandra",
    "Alice",
    "Anne-Marie",
    "Annick",
    "Armelle",
    "Aude",
    "Bérengère",
    "Carine",
    "Chantal",
    "Christelle",
    "Claudine",
    "Coralie",
    "Danielle",
    "Dominique",
    "Édith",
    "Elisabeth",
    "Emmanuelle",
    "Évelyne",
    "Fanny",
    "Gaëlle",
    "Ghislaine",
    "Gwenaëlle",
    "Irène",
    "Jacqueline",
    "Josiane",
    "Joëlle",
    "Justine",
    "Lætitia",
    "Lydie",
    "Magali",
    "Marianne",
    "Marion",
    "Maryse",
    "Mireille",
    "Monique",
    "Nadège",
    "Nelly",
    "Noëlle",
    "Odile",
    "Pascale",
    "Peggy",
    "Rachel",
    "Régine",
    "Rozenn",
    "Solène",
    "Sonia",
    "Sophie-Anne",
    "Suzanne",
    "Sylviane",
    "Tiphaine",
    "Vanessa",
    "Yolande",
    "Zoé",
];
const ADULT_MALE_TAIL: &[&str] = &[
    "Adrien",
    "Alexis",
    "Antoine",
    "Aurélien",
    "Baptiste",
    "Bernard",
    "Boris",
    "Bertrand",
    "Charles",
    "Christian",
    "Claude",
    "Cyril",
    "Daniel",
    "Denis",
    "Édouard",
    "Erwan",
    "Fabien",
    "Florent",
    "Francis",
    "Gaël",
    "Georges",
    "Gérald",
    "Gérard",
    "Grégoire",
    "Guy",
    "Henri",
    "Jacques",
    "Jean-Charles",
    "Jean-Claude",
    "Jean-Louis",
    "Jean-Noël",
    "Jean-Paul",
    "Jean-Yves",
    "Jérémie",
    "Jocelyn",
    "Kevin",
    "Lionel",
    "Luc",
    "Marc",
    "Marcel",
    "Matthieu",
    "Maxime",
    "Noël",
    "Patrice",
    "Raphaël",
    "Régis",
    "Renaud",
    "Richard",
    "Roland",
    "Serge",
    "Sylvain",
    "Thibault",
    "Tristan",
    "Valentin",
    "Victor",
    "Yves",
];

// Second and third given names: the usual French middle names.
const MIDDLE_FEMALE: &[&str] = &[
    "Marie",
    "Anne",
    "Claire",
    "Élisabeth",
    "Françoise",
    "Hélène",
    "Rose",
    "Jeanne",
    "Louise",
    "Catherine",
    "Sophie",
    "Margaux",
];
const MIDDLE_MALE: &[&str] = &[
    "Jean",
    "Pierre",
    "Louis",
    "Paul",
    "Joseph",
    "Michel",
    "Jacques",
    "André",
    "Alexandre",
    "Henri",
    "François",
    "Marie",
];

/// Picks where a family's names come from, with shares close to a
/// metropolitan establishment's.
pub(crate) fn origin(rng: &mut ChaCha8Rng) -> Origin {
    const TABLE: &[(Origin, u32)] = &[
        (Origin::French, 72),
        (Origin::Portuguese, 7),
        (Origin::Maghrebi, 9),
        (Origin::Turkish, 3),
        (Origin::Asian, 3),
        (Origin::African, 4),
        (Origin::European, 2),
    ];
    let weights: Vec<u32> = TABLE.iter().map(|(_, w)| *w).collect();
    TABLE[pick_weighted(rng, &weights)].0
}

/// Picks a last name for a person of this origin. Frequent names follow a
/// Zipf-like law (weight ∝ 1/(rank+40)) so that MARTIN, BERNARD... recur;
/// the other half of French names are rare ones (the long tail).
pub(crate) fn last_name(rng: &mut ChaCha8Rng, origin: Origin) -> String {
    match origin {
        Origin::French => {
            let roll = rng.gen_range(0..100u32);
            if roll < 8 {
                pick(rng, COMPOUND_LAST).to_string()
            } else if roll < 50 {
                rare_last_name(rng)
            } else {
                zipf(rng, FRENCH_LAST).to_string()
            }
        }
        Origin::Portuguese => zipf(rng, PORTUGUESE_LAST).to_string(),
        Origin::Maghrebi => zipf(rng, MAGHREBI_LAST).to_string(),
        Origin::Turkish => zipf(rng, TURKISH_LAST).to_string(),
        Origin::Asian => zipf(rng, ASIAN_LAST).to_string(),
        Origin::African => zipf(rng, AFRICAN_LAST).to_string(),
        Origin::European => zipf(rng, EUROPEAN_LAST).to_string(),
    }
}

fn rare_last_name(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{}{}{}",
        pick(rng, RARE_HEAD),
        pick(rng, RARE_MID),
        pick(rng, RARE_TAIL)
    )
}

fn zipf<'a>(rng: &mut ChaCha8Rng, pool: &[&'a str]) -> &'a str {
    let weights: Vec<u32> = (0..pool.len())
        .map(|rank| 100_000 / (rank as u32 + 40))
        .collect();
    pool[pick_weighted(rng, &weights)]
}

/// The first (usual) given name of a person.
pub(crate) fn first_given(
    rng: &mut ChaCha8Rng,
    origin: Origin,
    sex: Sex,
    generation: Generation,
) -> String {
    use Generation::{Adult, Child};
    use Sex::{Female, Male};
    // A third of the children of immigrant families carry a French given
    // name; adults keep their origin's more often.
    let native = match generation {
        Child => chance(rng, 0.6),
        Adult => chance(rng, 0.8),
    };
    let native_pool: Option<&[&str]> = match (native, origin, sex, generation) {
        (false, ..) | (_, Origin::French | Origin::European, ..) => None,
        (_, Origin::Maghrebi, Female, Child) => Some(MAGHREBI_FEMALE),
        (_, Origin::Maghrebi, Male, Child) => Some(MAGHREBI_MALE),
        (_, Origin::Maghrebi, Female, Adult) => Some(MAGHREBI_ADULT_FEMALE),
        (_, Origin::Maghrebi, Male, Adult) => Some(MAGHREBI_ADULT_MALE),
        (_, Origin::Portuguese, Female, Child) => Some(PORTUGUESE_FEMALE),
        (_, Origin::Portuguese, Male, Child) => Some(PORTUGUESE_MALE),
        (_, Origin::Portuguese, Female, Adult) => Some(PORTUGUESE_ADULT_FEMALE),
        (_, Origin::Portuguese, Male, Adult) => Some(PORTUGUESE_ADULT_MALE),
        (_, Origin::Turkish, Female, _) => Some(TURKISH_FEMALE),
        (_, Origin::Turkish, Male, _) => Some(TURKISH_MALE),
        (_, Origin::Asian, Female, _) => Some(ASIAN_FEMALE),
        (_, Origin::Asian, Male, _) => Some(ASIAN_MALE),
        (_, Origin::African, Female, _) => Some(AFRICAN_FEMALE),
        (_, Origin::African, Male, _) => Some(AFRICAN_MALE),
    };
    let pool = match native_pool {
        Some(pool) => pool,
        None => {
            let (frequent, tail) = match (sex, generation) {
                (Female, Child) => (CHILD_FEMALE, CHILD_FEMALE_TAIL),
                (Male, Child) => (CHILD_MALE, CHILD_MALE_TAIL),
                (Female, Adult) => (ADULT_FEMALE, ADULT_FEMALE_TAIL),
                (Male, Adult) => (ADULT_MALE, ADULT_MALE_TAIL),
            };
            // Two draws in five from the tail, uniformly: keeps homonyms rare.
            if chance(rng, 0.4) {
                return pick(rng, tail).to_string();
            }
            frequent
        }
    };
    let weights: Vec<u32> = (0..pool.len())
        .map(|rank| 10_000 / (rank as u32 + 20))
        .collect();
    pool[pick_weighted(rng, &weights)].to_string()
}

/// A second or third given name, different from those already given.
pub(crate) fn middle_given(rng: &mut ChaCha8Rng, sex: Sex, taken: &[String]) -> Option<String> {
    let pool = match sex {
        Sex::Female => MIDDLE_FEMALE,
        Sex::Male => MIDDLE_MALE,
    };
    for _ in 0..8 {
        let name = pick(rng, pool);
        if !taken.iter().any(|t| t == name) {
            return Some(name.to_string());
        }
    }
    None
}

/// A département: the UAI prefix and the postal codes around the school,
/// several of them near-identical (13011, 13012, 13013).
pub(crate) struct Departement {
    pub uai_prefix: &'static str,
    pub postal_codes: &'static [&'static str],
}

pub(crate) const DEPARTEMENTS: &[Departement] = &[
    Departement {
        uai_prefix: "013",
        postal_codes: &[
            "13013", "13012", "13011", "13014", "13015", "13004", "13005", "13010", "13009",
            "13008", "13090", "13100", "13127", "13400", "13500",
        ],
    },
    Departement {
        uai_prefix: "069",
        postal_codes: &[
            "69003", "69007", "69008", "69009", "69100", "69200", "69120", "69500", "69300",
            "69140", "69001", "69002",
        ],
    },
    Departement {
        uai_prefix: "059",
        postal_codes: &[
            "59000", "59100", "59200", "59160", "59130", "59260", "59800", "59370", "59650",
            "59110",
        ],
    },
    Departement {
        uai_prefix: "033",
        postal_codes: &[
            "33000", "33100", "33200", "33300", "33400", "33600", "33700", "33800", "33140",
            "33150",
        ],
    },
    Departement {
        uai_prefix: "093",
        postal_codes: &[
            "93100", "93200", "93300", "93400", "93500", "93600", "93700", "93800", "93170",
            "93140",
        ],
    },
    Departement {
        uai_prefix: "035",
        postal_codes: &[
            "35000", "35200", "35700", "35510", "35135", "35740", "35760", "35830",
        ],
    },
];

/// A postal code near the school (Zipf-like: the nearest districts first),
/// or, now and then, from elsewhere in France.
pub(crate) fn postal_code(rng: &mut ChaCha8Rng, dept: &Departement) -> String {
    if chance(rng, 0.04) {
        let other = pick(rng, DEPARTEMENTS);
        return pick(rng, other.postal_codes).to_string();
    }
    let weights: Vec<u32> = (0..dept.postal_codes.len())
        .map(|rank| 1_000 / (rank as u32 + 2))
        .collect();
    dept.postal_codes[pick_weighted(rng, &weights)].to_string()
}

/// A UAI code: 3-digit département, 4 digits, and the check letter
/// (the 7 digits modulo 23, in `ABCDEFGHJKLMNPRSTUVWXYZ`).
pub(crate) fn uai(rng: &mut ChaCha8Rng, dept: &Departement) -> String {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let serial = rng.gen_range(100..10_000u32);
    let digits = format!("{}{serial:04}", dept.uai_prefix);
    let number: u32 = digits.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
    let letter = LETTERS[(number % 23) as usize] as char;
    format!("{digits}{letter}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn uai_has_the_check_letter_of_its_digits() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..50 {
            let code = uai(&mut rng, &DEPARTEMENTS[0]);
            assert_eq!(code.len(), 8);
            assert!(code.starts_with("013"));
            let number: u32 = code[..7].parse().unwrap_or(0);
            let expected = b"ABCDEFGHJKLMNPRSTUVWXYZ"[(number % 23) as usize] as char;
            assert_eq!(code.chars().last(), Some(expected));
        }
    }

    #[test]
    fn frequent_last_names_recur() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let names: Vec<String> = (0..2000)
            .map(|_| last_name(&mut rng, Origin::French))
            .collect();
        let martins = names.iter().filter(|n| *n == "MARTIN").count();
        let tail = names.iter().filter(|n| *n == "THIBAULT").count();
        assert!(martins >= 6, "MARTIN drawn {martins} times");
        assert!(martins > tail * 2, "MARTIN {martins}, THIBAULT {tail}");
    }
}
