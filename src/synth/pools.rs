//! The name tables the generator draws from: frequent and rare French last
//! names, compound and foreign ones, given names by sex, generation and
//! origin. Data only; `names` does the drawing.

// Frequent French last names, most frequent first (INSEE order, roughly).
pub(crate) const FRENCH_LAST: &[&str] = &[
    "MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS", "MOREAU",
    "LAURENT", "SIMON", "MICHEL", "LEFEBVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL",
    "FOURNIER", "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT",
    "MULLER", "LEFÈVRE", "FAURE", "ANDRÉ", "MERCIER", "BLANC", "GUÉRIN", "BOYER", "GARNIER",
    "CHEVALIER", "FRANÇOIS", "LEGRAND", "GAUTHIER", "GARCIA", "PERRIN", "ROBIN", "CLÉMENT", "MORIN",
    "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "GAUTIER", "MASSON", "MARCHAND", "DUVAL", "DENIS",
    "DUMONT", "MARIE", "LEMAIRE", "NOËL", "MEYER", "DUFOUR", "MEUNIER", "BRUN", "BLANCHARD",
    "GIRAUD", "JOLY", "RIVIÈRE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD", "MARTINEZ",
    "GÉRARD", "ROCHE", "RENARD", "SCHMITT", "ROY", "LEROUX", "COLIN", "VIDAL", "CARON", "PICARD",
    "ROGER", "FABRE", "AUBERT", "LEMOINE", "RENAUD", "DUMAS", "LACROIX", "OLIVIER", "PHILIPPE",
    "BOURGEOIS", "PIERRE", "BENOÎT", "REY", "LECLERC", "PAYET", "ROLLAND", "LECLERCQ", "GUILLAUME",
    "LECOMTE", "LOPEZ", "JEAN", "DUPUY", "GUILLOT", "HUBERT", "BERGER", "CARPENTIER", "SANCHEZ",
    "DUPUIS", "MOULIN", "LOUIS", "DESCHAMPS", "HUET", "VASSEUR", "PEREZ", "BOUCHER", "FLEURY",
    "ROYER", "KLEIN", "JACQUET", "ADAM", "PARIS", "POIRIER", "MARTY", "AUBRY", "GUYOT", "CARRÉ",
    "CHARLES", "RENAULT", "CHARPENTIER", "MÉNARD", "MAILLARD", "BARON", "BERTIN", "BAILLY", "HERVÉ",
    "SCHNEIDER", "FERNANDEZ", "COLLET", "LÉGER", "BOUVIER", "JULIEN", "PRÉVOST", "MILLET", "PERROT",
    "DANIEL", "COUSIN", "GERMAIN", "BRETON", "BESSON", "LANGLOIS", "RÉMY", "PELLETIER", "LEVÊQUE",
    "PERRIER", "LEBLANC", "BARRÉ", "LEBRUN", "MARCHAL", "WEBER", "MALLET", "HAMON", "BOULANGER",
    "JACOB", "MONNIER", "MICHAUD", "GUICHARD", "GILLET", "ÉTIENNE", "GRONDIN", "POULAIN", "TESSIER",
    "CHEVALLIER", "COLLIN", "CHAUVIN", "BOUCHET", "GAY", "LEMAÎTRE", "BÉNARD", "MARÉCHAL",
    "HUMBERT", "REYNAUD", "ANTOINE", "HOARAU", "PERRET", "BARTHÉLEMY", "CORDIER", "PICHON",
    "LEJEUNE", "GILBERT", "LAMY", "DELAUNAY", "PASQUIER", "CARLIER", "LAPORTE", "DUCHÊNE", "TEXIER",
    "MARTEL", "COURTOIS", "BOURDON", "LEBON", "VALLÉE", "DELMAS", "RIGAUD", "ESNAULT", "THIBAULT",
];

// Compound names: particles, apostrophes, spaces and hyphens (the traps).
pub(crate) const COMPOUND_LAST: &[&str] = &[
    "LE GALL", "LE GOFF", "LE ROUX", "LE BRIS", "LE CORRE", "LE BIHAN", "DE LA FONTAINE",
    "DE LA CROIX", "DES ROCHES", "DU PLESSIS", "DE SAINT-JEAN", "SAINT-MARTIN", "D'ALMEIDA",
    "D'ANGELO", "N'DIAYE", "N'GUESSAN", "DI MARCO", "LA ROSA", "VAN DER BERG", "MARTIN-DUBOIS",
    "LEROY-BEAULIEU", "PETIT-JEAN", "GRAND-CLÉMENT", "DE OLIVEIRA", "DOS SANTOS", "DA SILVA",
    "DA COSTA", "DE SOUSA", "EL AMRANI", "EL IDRISSI", "AIT AHMED", "BEN SAÏD",
];

pub(crate) const PORTUGUESE_LAST: &[&str] = &[
    "PEREIRA", "FERREIRA", "RODRIGUES", "ALVES", "GONÇALVES", "RIBEIRO", "CARVALHO", "LOPES",
    "MARQUES", "SOUSA", "TEIXEIRA", "MOREIRA", "CORREIA", "MENDES", "PINTO", "FERNANDES", "MARTINS",
    "COSTA", "OLIVEIRA", "SANTOS", "DA SILVA", "DOS SANTOS", "DE OLIVEIRA", "DA COSTA", "AZEVEDO",
    "CARDOSO", "NUNES", "SOARES", "VIEIRA", "MONTEIRO", "CUNHA", "FONSECA", "LEITE", "MACHADO",
    "BARBOSA", "ROCHA", "MOTA", "FARIA", "TAVARES", "CAMPOS", "REIS", "MAGALHÃES",
];

pub(crate) const MAGHREBI_LAST: &[&str] = &[
    "BENALI", "BOUZID", "HADDAD", "BRAHIMI", "MANSOURI", "BENAMAR", "CHERIF", "KHELIFI", "AMRANI",
    "BELKACEM", "SAIDI", "HAMIDI", "ZITOUNI", "BOUAZIZ", "MEZIANE", "OUALI", "TAHIRI", "BENNANI",
    "LAHLOU", "BOUDJEMAA", "AIT AHMED", "EL AMRANI", "EL KHATTABI", "BEN MOHAMED", "BOUCHAREB",
    "HAMDI", "CHAOUI", "BOUALEM", "AZZOUZ", "MEKKI", "BENSALEM", "LARBI", "OUAZZANI", "BERRADA",
    "BENYAHIA", "MEDJAHED", "ZERROUKI", "HAMMOUDI", "TOUATI", "BELHADJ", "GUERFI", "AOUADI",
    "REZGUI", "DRIDI", "JEBALI", "TRABELSI", "GHARBI", "MESSAOUDI", "KADDOUR", "BOUKHRIS",
    "SLIMANI", "NASRI", "CHAABANE", "ABDELLI", "AMARA", "MOUSSAOUI",
];

pub(crate) const TURKISH_LAST: &[&str] = &[
    "YILMAZ", "KAYA", "DEMIR", "ŞAHIN", "ÇELIK", "YILDIZ", "YILDIRIM", "ÖZTÜRK", "AYDIN", "ÖZDEMIR",
    "ARSLAN", "DOĞAN", "KILIÇ", "ASLAN", "KARA", "KOÇ", "KURT", "ÖZKAN", "ŞIMŞEK", "POLAT",
    "ERDOĞAN", "GÜNEŞ", "TEKIN", "AKTAŞ", "YALÇIN", "BULUT", "KESKIN", "ÜNAL",
];

pub(crate) const ASIAN_LAST: &[&str] = &[
    "NGUYEN", "TRAN", "LE", "PHAM", "HOANG", "HUYNH", "PHAN", "VU", "VO", "DANG", "BUI", "DO",
    "NGO", "DUONG", "LY", "CHEN", "WANG", "ZHANG", "LI", "LIN",
];

pub(crate) const AFRICAN_LAST: &[&str] = &[
    "DIALLO", "TRAORÉ", "KONÉ", "COULIBALY", "DIOP", "NDIAYE", "N'DIAYE", "CISSÉ", "CAMARA",
    "SYLLA", "TOURÉ", "DIARRA", "KEITA", "SOW", "FOFANA", "BA", "MENSAH", "KOUASSI", "SISSOKO",
    "DOUCOURÉ", "SANGARÉ", "KANTÉ", "BAMBA", "DEMBÉLÉ", "GUEYE", "FALL", "NIANG", "MBAYE",
    "N'GUESSAN", "KOUAMÉ", "YAO", "OUATTARA",
];

pub(crate) const EUROPEAN_LAST: &[&str] = &[
    "ROSSI", "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "ROMANO", "GONZALEZ", "HERNANDEZ",
    "JIMENEZ", "RUIZ", "MORENO", "MUÑOZ", "ALVAREZ", "NOWAK", "KOWALSKI", "WISNIEWSKI",
    "LEWANDOWSKI", "SCHMIDT", "WAGNER",
];

// Syllables for rare French-looking names: the long tail of the distribution.
pub(crate) const RARE_HEAD: &[&str] = &[
    "BOU", "CHA", "MAR", "LA", "PE", "RO", "GRAN", "VIL", "BEL", "FOU", "MON", "COR", "SAU", "TRO",
    "BAR", "CLE", "GUI", "JOU", "MIL", "DES", "VER", "BRO", "CHE", "PIN",
];

pub(crate) const RARE_MID: &[&str] = &[
    "R", "L", "N", "ND", "RT", "SS", "ILL", "CH", "V", "", "GN", "M",
];

pub(crate) const RARE_TAIL: &[&str] = &[
    "ET", "AT", "IER", "EAU", "AND", "IN", "OT", "ON", "EUX", "ARD", "EL", "ÈRE", "ENS", "AC", "Y",
    "OUX", "ELLE", "AUD",
];

pub(crate) const CHILD_FEMALE: &[&str] = &[
    "Emma", "Léa", "Chloé", "Manon", "Inès", "Jade", "Camille", "Lola", "Sarah", "Louise", "Zoé",
    "Lina", "Léna", "Clara", "Juliette", "Lucie", "Anaïs", "Mathilde", "Romane", "Eva", "Maëlys",
    "Océane", "Laura", "Pauline", "Margaux", "Alicia", "Louna", "Ambre", "Nina", "Alice", "Lou",
    "Agathe", "Marie", "Elsa", "Justine", "Julie", "Maëlle", "Noémie", "Clémence", "Héloïse",
    "Éloïse", "Anna", "Lily", "Rose", "Charlotte", "Salomé", "Margot", "Emmy", "Léonie", "Mélissa",
    "Maya", "Louane", "Célia", "Capucine", "Marie-Lou", "Lou-Anne", "Anne-Sophie",
];

pub(crate) const CHILD_MALE: &[&str] = &[
    "Lucas", "Hugo", "Nathan", "Enzo", "Louis", "Gabriel", "Jules", "Arthur", "Raphaël", "Théo",
    "Tom", "Mathis", "Noah", "Léo", "Ethan", "Maxime", "Clément", "Baptiste", "Timéo", "Antoine",
    "Alexandre", "Paul", "Adam", "Sacha", "Evan", "Axel", "Mathéo", "Thomas", "Nolan", "Matteo",
    "Victor", "Valentin", "Quentin", "Romain", "Bastien", "Killian", "Dylan", "Kylian", "Noé",
    "Aaron", "Martin", "Gaël", "Lenny", "Eliott", "Esteban", "Loïc", "Benjamin", "Samuel",
    "Titouan", "Jean-Baptiste", "Pierre-Louis", "Paul-Antoine",
];

pub(crate) const ADULT_FEMALE: &[&str] = &[
    "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Valérie", "Christine", "Stéphanie",
    "Céline", "Véronique", "Sophie", "Virginie", "Aurélie", "Émilie", "Caroline", "Julie", "Karine",
    "Laurence", "Anne", "Marie", "Patricia", "Hélène", "Corinne", "Delphine", "Séverine",
    "Florence", "Audrey", "Élodie", "Martine", "Marie-Josée", "Anne-Sophie", "Marie-Claire",
    "Marie-Hélène", "Anne-Laure", "Laetitia", "Estelle", "Cécile", "Agnès", "Béatrice", "Brigitte",
    "Françoise", "Géraldine", "Muriel", "Mélanie", "Jessica", "Amandine", "Angélique", "Fabienne",
];

pub(crate) const ADULT_MALE: &[&str] = &[
    "Philippe", "Christophe", "Stéphane", "Laurent", "Frédéric", "Éric", "Nicolas", "David",
    "Olivier", "Pascal", "Thierry", "Sébastien", "Jérôme", "Patrick", "Didier", "Julien", "Franck",
    "Vincent", "Alain", "Bruno", "Emmanuel", "Fabrice", "Jean-Michel", "Jean-Pierre",
    "Jean-François", "Jean-Luc", "Jean-Marc", "Pierre-Yves", "Cédric", "Yannick", "Hervé", "Gilles",
    "Guillaume", "Arnaud", "Benoît", "Mickaël", "Grégory", "Damien", "Ludovic", "Jean", "François",
    "Michel", "Dominique", "Xavier", "Mathieu", "Rémi", "Joël",
];

pub(crate) const MAGHREBI_FEMALE: &[&str] = &[
    "Inès", "Yasmine", "Sarah", "Lina", "Nour", "Amira", "Salma", "Aya", "Meriem", "Imane", "Assia",
    "Nawel", "Rania", "Hiba", "Malak", "Chaïma", "Sirine", "Yousra", "Kenza", "Farah",
];

pub(crate) const MAGHREBI_MALE: &[&str] = &[
    "Mohamed", "Adam", "Yanis", "Rayan", "Ilyes", "Amine", "Mehdi", "Bilal", "Nassim", "Ayoub",
    "Yacine", "Anis", "Sofiane", "Walid", "Ismaël", "Zakaria", "Hamza", "Idriss", "Marwan", "Sami",
];

pub(crate) const MAGHREBI_ADULT_FEMALE: &[&str] = &[
    "Fatima", "Samira", "Nadia", "Karima", "Leïla", "Malika", "Souad", "Rachida", "Naïma", "Amina",
    "Zohra", "Yamina", "Khadija", "Houria", "Djamila", "Farida", "Nora", "Saliha", "Hafida",
    "Latifa", "Sabrina", "Myriam", "Linda", "Wafa", "Dalila",
];

pub(crate) const MAGHREBI_ADULT_MALE: &[&str] = &[
    "Mohamed", "Karim", "Ahmed", "Rachid", "Abdelkader", "Mustapha", "Farid", "Hakim", "Djamel",
    "Nordine", "Samir", "Mourad", "Kamel", "Saïd", "Brahim", "Youssef", "Abdel", "Hicham", "Khaled",
    "Omar", "Ali", "Hassan", "Nabil", "Lotfi", "Slimane", "Malik",
];

pub(crate) const PORTUGUESE_FEMALE: &[&str] = &[
    "Ana", "Maria", "Inês", "Beatriz", "Mariana", "Sofia", "Joana", "Rita", "Carolina", "Leonor",
    "Matilde", "Lara",
];

pub(crate) const PORTUGUESE_MALE: &[&str] = &[
    "João", "Tiago", "Rafael", "Diogo", "Pedro", "Rui", "Duarte", "Gonçalo", "Miguel", "Martim",
    "Afonso", "Henrique",
];

pub(crate) const PORTUGUESE_ADULT_FEMALE: &[&str] = &[
    "Maria", "Fátima", "Conceição", "Ana", "Rosa", "Isabel", "Teresa", "Paula", "Sandra",
    "Cristina", "Manuela", "Graça", "Lurdes",
];

pub(crate) const PORTUGUESE_ADULT_MALE: &[&str] = &[
    "José", "Manuel", "Carlos", "Paulo", "António", "Joaquim", "Fernando", "Jorge", "Luís", "Mário",
    "Nuno", "Armando", "Vítor",
];

pub(crate) const TURKISH_FEMALE: &[&str] = &[
    "Elif", "Zeynep", "Ayşe", "Merve", "Büşra", "Esra", "Selin", "Ebru", "Derya", "Hülya", "Sevgi",
    "Gül",
];

pub(crate) const TURKISH_MALE: &[&str] = &[
    "Emre", "Mehmet", "Mustafa", "Yusuf", "Burak", "Enes", "Ömer", "Hakan", "Serkan", "Murat",
    "Kemal", "Volkan",
];

pub(crate) const ASIAN_FEMALE: &[&str] = &[
    "Thi Lan", "Linh", "Thi Hoa", "Huong", "Mai", "Xin", "Ngoc Anh",
];

pub(crate) const AFRICAN_FEMALE: &[&str] = &[
    "Aminata", "Fatoumata", "Awa", "Mariam", "Kadiatou", "Aïssatou", "Binta", "Coumba", "Oumou",
    "Adama", "Ramatoulaye", "Hawa",
];

pub(crate) const AFRICAN_MALE: &[&str] = &[
    "Mamadou", "Moussa", "Ibrahima", "Ousmane", "Sékou", "Amadou", "Boubacar", "Souleymane",
    "Cheikh", "Lamine", "Modibo", "Issa",
];

// Less frequent given names: the tail that keeps homonyms rare.
pub(crate) const CHILD_FEMALE_TAIL: &[&str] = &[
    "Adèle", "Albane", "Alix", "Apolline", "Ariane", "Astrid", "Aurore", "Bérénice", "Blanche",
    "Candice", "Cassandre", "Céleste", "Clarisse", "Coline", "Constance", "Daphné", "Diane",
    "Domitille", "Edwige", "Elina", "Elisa", "Émeline", "Erine", "Esther", "Faustine", "Flavie",
    "Garance", "Gwendoline", "Hortense", "Inaya", "Iris", "Isaure", "Jeanne", "Joséphine", "Judith",
    "Lana", "Laly", "Léane", "Lison", "Livia", "Lorine", "Lyna", "Maëva", "Mahé", "Maïwenn",
    "Marine", "Mathilda", "Mélina", "Mila", "Morgane", "Naëlle", "Ninon", "Olivia", "Ophélie",
    "Perrine", "Philippine", "Romy", "Sixtine", "Soline", "Suzanne", "Tess", "Victoire", "Wendy",
];

pub(crate) const CHILD_MALE_TAIL: &[&str] = &[
    "Abel", "Achille", "Adrien", "Alban", "Aloïs", "Amaury", "Anatole", "Armand", "Augustin",
    "Aurélien", "Basile", "Benoît", "Bertrand", "Brice", "Calixte", "Charles", "Côme", "Corentin",
    "Cyprien", "Damien", "Edgar", "Élie", "Émile", "Erwan", "Félix", "Florian", "Gaspard",
    "Gauthier", "Gustave", "Hector", "Hippolyte", "Isaac", "Jonas", "Joseph", "Kévin", "Léon",
    "Loris", "Lorenzo", "Malo", "Marius", "Mathias", "Maël", "Nils", "Octave", "Oscar", "Pablo",
    "Pierre", "Robin", "Ruben", "Simon", "Swann", "Tanguy", "Teddy", "Tristan", "Ugo", "Vadim",
    "Xavier", "Yann", "Yoann", "Zacharie",
];

pub(crate) const ADULT_FEMALE_TAIL: &[&str] = &[
    "Adeline", "Alexandra", "Alice", "Anne-Marie", "Annick", "Armelle", "Aude", "Bérengère",
    "Carine", "Chantal", "Christelle", "Claudine", "Coralie", "Danielle", "Dominique", "Édith",
    "Elisabeth", "Emmanuelle", "Évelyne", "Fanny", "Gaëlle", "Ghislaine", "Gwenaëlle", "Irène",
    "Jacqueline", "Josiane", "Joëlle", "Justine", "Lætitia", "Lydie", "Magali", "Marianne",
    "Marion", "Maryse", "Mireille", "Monique", "Nadège", "Nelly", "Noëlle", "Odile", "Pascale",
    "Peggy", "Rachel", "Régine", "Rozenn", "Solène", "Sonia", "Sophie-Anne", "Suzanne", "Sylviane",
    "Tiphaine", "Vanessa", "Yolande", "Zoé",
];

pub(crate) const ADULT_MALE_TAIL: &[&str] = &[
    "Adrien", "Alexis", "Antoine", "Aurélien", "Baptiste", "Bernard", "Boris", "Bertrand",
    "Charles", "Christian", "Claude", "Cyril", "Daniel", "Denis", "Édouard", "Erwan", "Fabien",
    "Florent", "Francis", "Gaël", "Georges", "Gérald", "Gérard", "Grégoire", "Guy", "Henri",
    "Jacques", "Jean-Charles", "Jean-Claude", "Jean-Louis", "Jean-Noël", "Jean-Paul", "Jean-Yves",
    "Jérémie", "Jocelyn", "Kevin", "Lionel", "Luc", "Marc", "Marcel", "Matthieu", "Maxime", "Noël",
    "Patrice", "Raphaël", "Régis", "Renaud", "Richard", "Roland", "Serge", "Sylvain", "Thibault",
    "Tristan", "Valentin", "Victor", "Yves",
];

// Second and third given names: the usual French middle names.
pub(crate) const MIDDLE_FEMALE: &[&str] = &[
    "Marie", "Anne", "Claire", "Élisabeth", "Françoise", "Hélène", "Rose", "Jeanne", "Louise",
    "Catherine", "Sophie", "Margaux",
];

pub(crate) const MIDDLE_MALE: &[&str] = &[
    "Jean", "Pierre", "Louis", "Paul", "Joseph", "Michel", "Jacques", "André", "Alexandre", "Henri",
    "François", "Marie",
];

pub(crate) const ASIAN_MALE: &[&str] = &[
    "Minh", "Van Duc", "Quoc Anh", "Bao", "Thanh", "Wei", "Jie",
];
