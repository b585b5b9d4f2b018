/**
 * Name, street and school data for the demo households. Names are grouped by community so a
 * household's names fit together, and by generation so a grandmother is not called Harper.
 */

/** A list written as one space-separated string, so long name lists stay compact. */
const words = (list: string): string[] => list.trim().split(/\s+/);

export interface Culture {
  ethnicity: string;
  /** Children born from about 2004. */
  girls: readonly string[];
  boys: readonly string[];
  /** Parents born about 1975–2003. */
  women: readonly string[];
  men: readonly string[];
  /** Grandparents. */
  olderWomen: readonly string[];
  olderMen: readonly string[];
  surnames: readonly string[];
  /** Surnames many women of the community are recorded under, unlike their husband and children. */
  womenSurnames?: readonly string[];
  /** Each person carries their own surname (Somali patronymics), so a wife keeps hers. */
  ownSurnames?: boolean;
  /** Share of families choosing a Catholic school; Welsh-medium likewise. */
  catholic?: number;
  welshMedium?: number;
}

// Manchester's White British families, with some of the accented names the search must find.
const MANCUNIAN: Culture = {
  ethnicity: 'white-british',
  girls: words(`
    Olivia Amelia Isla Ava Mia Lily Grace Freya Evie Poppy Ruby Willow Maisie Lacey Skye Harper Zoë Chloé
  `),
  boys: words(`
    Oliver Noah George Harry Leo Oscar Jack Charlie Freddie Alfie Theo Archie Tommy Riley Mason Jayden Kai
  `),
  women: words(`
    Jade Stacey Gemma Danielle Amy Laura Rebecca Chelsea Leanne Hayley Kayleigh Chantelle Lauren Natalie
    Shannon Jodie Renée Zoë
  `),
  men: words(
    `Daniel Lee Craig Jamie Ryan Ashley Dean Scott Wayne Carl Liam Kyle Jordan Nathan Adam Luke Reece`,
  ),
  olderWomen: words(`Susan Karen Julie Tracey Linda Sandra Deborah Janet Christine Pauline`),
  olderMen: words(`David Paul Steven Gary Ian Kevin Alan Peter Michael Keith Brian`),
  surnames: words(`
    Smith Jones Taylor Brown Wilson Walsh Holt Kershaw Ashworth Whittaker Lees Barlow Butterworth Hall
    Clarke Murphy Kelly Wright Thompson Hartley Ogden Booth O'Neill
  `),
};

const WELSH: Culture = {
  ethnicity: 'white-british',
  girls: words(`Cerys Ffion Seren Nia Megan Alys Mali Lowri Elin Evie Isla Zoë`),
  boys: words(`Rhys Dafydd Osian Ioan Macsen Tomos Harri Gethin Jac Cai Noah Alfie`),
  women: words(`Rhian Siân Bethan Catrin Carys Rhiannon Kelly Leanne Gemma Ceri Lisa`),
  men: words(`Gareth Rhys Aled Owain Huw Geraint Gavin Craig Lee Rhodri Siôn Jamie`),
  olderWomen: words(`Gwen Glenys Eirlys Margaret Susan Carol Meinir Beryl Linda Ann`),
  olderMen: words(`Dai Emlyn Gwyn Alun Glyn David Keith Meirion Wyn Hywel`),
  surnames: words(`
    Jones Williams Davies Evans Thomas Lewis Morgan Griffiths Price Rees Jenkins Powell Phillips
    Pritchard Bowen Llewellyn Pugh Parry Watkins Harris
  `),
  welshMedium: 0.25,
};

const SCOTTISH: Culture = {
  ethnicity: 'white-british',
  girls: words(`Isla Eilidh Olivia Freya Sophie Ava Ellie Emily Skye Orla Rosie Millie`),
  boys: words(`Callum Ewan Lewis Finlay Harris Rory Jack Archie Brodie Cameron Lucas`),
  women: words(`Kirsty Lindsay Gillian Nicola Lorna Leanne Stacey Claire Ashleigh Shona`),
  men: words(`Stuart Gary Craig Scott Darren Jamie Ross Barry Graeme Euan Seán`),
  olderWomen: words(`Margaret Agnes Isobel Morag Catherine Irene Moira Sheena Elaine`),
  olderMen: words(`James William Robert Alexander Hugh Duncan Angus Iain Gordon Kenneth`),
  surnames: words(`
    MacDonald Stewart Campbell McLean Docherty McLaughlin Boyle Gallagher Kerr Murray Thomson
    Robertson Reid Ferguson McKenzie Crawford Lamont Montgomery McCallum O'Neill Quinn Devlin
  `),
  // Inverclyde has a large Catholic community with its own schools.
  catholic: 0.4,
};

const IRISH: Culture = {
  ethnicity: 'white-irish',
  girls: words(`Aoife Niamh Saoirse Caoimhe Róisín Orla Clodagh`),
  boys: words(`Seán Cian Oisín Darragh Conor Ciarán Fionn`),
  women: words(`Siobhán Niamh Róisín Sinéad Aoife Mairéad Claire`),
  men: words(`Seán Ciarán Declan Pádraig Eoin Dermot Kieran`),
  olderWomen: words(`Bridget Mary Kathleen Maureen Theresa`),
  olderMen: words(`Patrick Michael Séamus Brendan Gerard`),
  surnames: words(`O'Neill O'Brien Murphy Byrne Doyle O'Connor McCarthy Brennan Kavanagh`),
  catholic: 0.7,
};

const TRAVELLER: Culture = {
  ...IRISH,
  ethnicity: 'white-gypsy-traveller',
  girls: words(`Bridget Margaret Kathleen Mary Ellen Winnie`),
  boys: words(`Patrick Michael John Martin Thomas Johnny`),
  surnames: words(`McDonagh Ward Connors Joyce Maughan Doherty`),
};

const POLISH: Culture = {
  ethnicity: 'white-other',
  girls: words(`Zuzanna Julia Maja Lena Hanna Zofia Wiktoria Oliwia`),
  boys: words(`Jakub Szymon Filip Kacper Antoni Mikołaj Franciszek Oskar`),
  women: words(`Agnieszka Katarzyna Magdalena Joanna Monika Małgorzata Karolina Justyna`),
  men: words(`Tomasz Piotr Krzysztof Paweł Michał Łukasz Marcin Grzegorz`),
  olderWomen: words(`Krystyna Barbara Danuta Halina Elżbieta`),
  olderMen: words(`Stanisław Andrzej Zbigniew Janusz Jerzy`),
  // Only surnames that do not change with sex (unlike Kowalski/Kowalska).
  surnames: words(`Nowak Wójcik Kowalczyk Woźniak Mazur Krawczyk Kaczmarek Zając Król Pawlak`),
  catholic: 0.7,
};

const PAKISTANI: Culture = {
  ethnicity: 'asian-pakistani',
  girls: words(`Aisha Maryam Zara Hafsa Inaya Amira Khadija Fatima Zainab Aleena Eman`),
  boys: words(`Muhammad Ibrahim Yusuf Ayaan Zayn Hamza Musa Adam Rayyan Haris`),
  women: words(`Nadia Samina Saima Shabana Rubina Asma Sadia Uzma Sana Nazia`),
  men: words(`Imran Tariq Asif Kamran Shahid Adnan Zahid Naveed Irfan Waqas Faisal`),
  olderWomen: words(`Parveen Shamim Nasreen Bushra Zubaida`),
  olderMen: words(`Mohammed Abdul Ghulam Bashir Rashid Akram`),
  surnames: words(`Khan Hussain Ahmed Ali Iqbal Akhtar Shah Mahmood Qureshi Malik Aslam`),
  womenSurnames: words(`Bibi Akhtar Kausar`),
};

const BANGLADESHI: Culture = {
  ethnicity: 'asian-bangladeshi',
  girls: words(`Ayesha Tasnim Sumaiya Nusrat Raisa Maliha Ruqayyah Jannat Habiba`),
  boys: words(`Rahim Ayaan Tahmid Sami Arham Nabil Rayhan Zayan Yahya`),
  women: words(`Shirin Rokeya Nazma Shapla Farzana Rehana Salma Taslima Ruksana`),
  men: words(`Abdul Shahidul Mizanur Rafiq Jamal Kamal Nurul Shamim Habibur`),
  olderWomen: words(`Rahima Amena Jahanara Monowara`),
  olderMen: words(`Abdul Siraj Moinul Harun`),
  surnames: words(`Miah Uddin Rahman Islam Hoque Chowdhury Ahmed Karim Alam`),
  womenSurnames: words(`Begum Khatun`),
};

const SOMALI: Culture = {
  ethnicity: 'black-african',
  girls: words(`Hodan Ayaan Hamdi Sagal Nasra Idil Hibo Ifrah Ladan Sumaya`),
  boys: words(`Abdirahman Mohamed Abdullahi Yusuf Liban Khalid Bilal Ismail Zakaria`),
  women: words(`Fadumo Amina Asha Hawa Khadra Deeqa Ubah Sahra Maryan`),
  men: words(`Abdi Ahmed Hassan Abdikarim Mohamud Omar Farah Jama Warsame`),
  olderWomen: words(`Halimo Dahabo Sahra Faadumo`),
  olderMen: words(`Abdullahi Ismail Osman Hersi`),
  surnames: words(`Abdi Ahmed Ali Hassan Mohamed Omar Farah Warsame Jama Osman Nur`),
  ownSurnames: true,
};

const NIGERIAN: Culture = {
  ethnicity: 'black-african',
  girls: words(`Precious Favour Blessing Adaeze Chiamaka Temi Tolu Esther Ifeoma Simi`),
  boys: words(`David Daniel Emmanuel Chidi Tobi Samuel Ayo Femi Chinedu Tomiwa`),
  women: words(`Funmilayo Ngozi Chioma Adaobi Yetunde Folake Blessing Bukola Nkechi`),
  men: words(`Oluwaseun Chukwuemeka Babatunde Emeka Segun Tunde Ifeanyi Olumide`),
  olderWomen: words(`Comfort Grace Victoria Florence`),
  olderMen: words(`Joseph Emmanuel Samuel Felix`),
  surnames: words(`Okafor Adeyemi Okonkwo Eze Balogun Nwosu Adebayo Ogunleye Okoro Afolabi`),
};

const GHANAIAN: Culture = {
  ethnicity: 'black-african',
  girls: words(`Ama Abena Akua Esi Adwoa Nana Efua Maame`),
  boys: words(`Kwame Kofi Kwabena Kojo Yaw Kwesi Nana Fiifi`),
  women: words(`Akosua Abena Afia Adjoa Comfort Gifty Priscilla`),
  men: words(`Kwabena Kwame Yaw Kofi Kwaku Emmanuel Ebenezer`),
  olderWomen: words(`Comfort Mercy Agnes Felicia`),
  olderMen: words(`Kwaku Joseph Isaac Francis`),
  surnames: words(`Mensah Owusu Boateng Asante Osei Appiah Darko Agyemang Amoah`),
};

const CARIBBEAN: Culture = {
  ethnicity: 'black-caribbean',
  girls: words(`Amara Aaliyah Destiny Jada Nia Imani Kiara Tia`),
  boys: words(`Malachi Tyrese Jayden Kai Reuben Elijah Isaiah Marley`),
  women: words(`Marcia Shereen Tanya Natasha Keisha Simone Nicole Paulette`),
  men: words(`Marcus Leon Delroy Andre Jermaine Dwayne Errol Winston`),
  olderWomen: words(`Hyacinth Pearline Gloria Lorna`),
  olderMen: words(`Winston Clive Desmond Lloyd`),
  surnames: words(`Campbell Grant Francis Clarke Henry Bailey Richards Samuels Gordon`),
};

const ARAB: Culture = {
  ethnicity: 'other-arab',
  girls: words(`Layla Maryam Jana Lina Sara Nour Rahaf Yasmin Salma Huda`),
  boys: words(`Omar Yusuf Adam Ahmad Karim Khaled Hamza Ibrahim Ziad`),
  women: words(`Fatima Amal Huda Rania Samira Nadia Iman Leila Reem Hanan`),
  men: words(`Ahmed Mohammed Khalid Samir Tariq Nabil Walid Hassan Saleh`),
  olderWomen: words(`Fatima Khadija Aisha Zahra`),
  olderMen: words(`Abdullah Saleh Mahmoud Yahya`),
  surnames: words(`Al-Hassan Saleh Nasser Haddad Mansour Al-Saadi Qasim Hamid Othman`),
  ownSurnames: true,
};

export interface Schools {
  primary: readonly string[];
  secondary: readonly string[];
}

/** A postcode district, with its streets and the community schools its children go to. */
export interface District {
  code: string;
  streets: readonly string[];
  schools: Schools;
}

export interface Place {
  nation: 'England' | 'Wales' | 'Scotland';
  /** Three-digit local authority code that starts a UPN. */
  laCode: string;
  /** Communities of the main carer, weighted roughly by the area's families with children. */
  cultures: ReadonlyArray<readonly [Culture, number]>;
  /** Chance that a child's other parent comes from a different community. */
  mixing: number;
  flats: number;
  districts: readonly District[];
  /** Catholic and Welsh-medium schools take children from across the area. */
  catholic: Schools;
  welsh?: Schools;
  college: string;
}

/** A list written as one comma-separated string. */
const list = (items: string): string[] => items.split(/\s*,\s*/);

const schools = (primaries: string, secondaries: string): Schools => ({
  primary: list(primaries),
  secondary: list(secondaries),
});

const district = (code: string, streets: string, primaries: string, secondary: string): District => ({
  code,
  streets: list(streets),
  schools: schools(primaries, secondary),
});

// Streets and schools are local-sounding inventions; house numbers and postcode units are random.
export const PLACES: Record<string, Place> = {
  Manchester: {
    nation: 'England',
    laCode: '352',
    cultures: [
      [MANCUNIAN, 52],
      [{ ...MANCUNIAN, ethnicity: 'mixed-white-black-caribbean' }, 3],
      [{ ...MANCUNIAN, ethnicity: 'mixed-white-black-african' }, 1],
      [IRISH, 3],
      [TRAVELLER, 1],
      [POLISH, 5],
      [PAKISTANI, 12],
      [BANGLADESHI, 3],
      [NIGERIAN, 5],
      [GHANAIAN, 2],
      [SOMALI, 3],
      [CARIBBEAN, 4],
      [ARAB, 4],
    ],
    mixing: 0.12,
    flats: 0.15,
    districts: [
      district(
        'M8',
        'Heywood Street, Cheetwood Grove, Halliwell Lane, Elizabeth Street',
        'Cheetwood Vale Primary School, Halliwell Park Primary School',
        'Crumpsall Brook High School',
      ),
      district(
        'M9',
        'Hazelbottom Road, Crab Lane, Charlestown Road, Booth Hall Drive',
        'Crab Lane Primary School, Booth Hall Community Primary School',
        'Blackley Brook High School',
      ),
      district(
        'M11',
        'Grey Mare Lane, Beswick Street, Clayton Vale Close, Mill Street',
        'Beswick Park Primary Academy, Clayton Vale Primary School',
        'Openshaw Park Academy',
      ),
      district(
        'M12',
        'Northmoor Road, Beresford Street, Crayfield Road, Dickenson Grove',
        'Northmoor Community Primary School, Crayfield Primary School',
        'Longsight Community High School',
      ),
      district(
        'M18',
        'Far Lane, Wellington Street, Hampden Crescent, Gorton Mount Walk',
        'Gorton Mount Primary School, Abbey Hey Brook Primary School',
        'Gorton Park Academy',
      ),
      district(
        'M22',
        'Hollyhedge Road, Brownley Road, Benchill Court Road, Portway',
        "Benchill Green Primary School, St Wilfrid's CE Primary School",
        'Wythenshawe Community High School',
      ),
      district(
        'M23',
        'Button Lane, Lawton Moor Road, Woodhouse Lane, Baguley Crescent',
        'Button Lane Primary Academy, Lawton Moor Primary School',
        'Baguley Hall High School',
      ),
      district(
        'M40',
        'Kenyon Lane, Lightbowne Road, Nuthurst Road, Moston Brook Avenue',
        'Moston Brook Primary School, Lightbowne Community Primary School',
        'Newton Heath Park Academy',
      ),
    ],
    catholic: schools(
      "St Anne's RC Primary School, St Malachy's RC Primary School, Holy Family RC Primary School",
      "St Aidan's RC High School, Our Lady of Lourdes RC High School",
    ),
    college: 'The Manchester College',
  },
  Cardiff: {
    nation: 'Wales',
    laCode: '681',
    cultures: [
      [WELSH, 60],
      [{ ...WELSH, ethnicity: 'mixed-white-black-caribbean', welshMedium: 0.1 }, 3],
      [IRISH, 2],
      [TRAVELLER, 1],
      [POLISH, 4],
      [SOMALI, 8],
      [BANGLADESHI, 5],
      [PAKISTANI, 3],
      [ARAB, 5],
      [CARIBBEAN, 4],
      [NIGERIAN, 2],
      [GHANAIAN, 1],
    ],
    mixing: 0.1,
    flats: 0.15,
    districts: [
      district(
        'CF3',
        'Wentloog Close, Countisbury Avenue, Heol Pengam, Crickhowell Road',
        'Llanrumney Fields Primary School, Rumney Brook Primary School',
        'Eastern Heights High School',
      ),
      district(
        'CF5',
        'Grand Avenue, Heol Trelai, Heol yr Odyn, Archer Crescent',
        'Ely Bridge Primary School, Caerau Park Primary School',
        'Caerau Park High School',
      ),
      district(
        'CF11',
        'Clive Street, Holmesdale Street, Paget Street, Corporation Road',
        'Grangetown Brook Primary School, Clive Street Primary School',
        'Fitzalan Heath High School',
      ),
      district(
        'CF14',
        'Heol Llanishen Fach, Colwill Road, Heol y Coed, Gabalfa Avenue',
        'Gabalfa Vale Primary School, Llanishen Fach Primary School',
        'Cathays Park High School',
      ),
      district(
        'CF23',
        'Heol Pennar, Clos yr Wenallt, Glyn Coed Road, Bryn Celyn Road',
        'Pentwyn Vale Primary School, Glyn Coed Primary School',
        'Llanedeyrn Community High School',
      ),
      district(
        'CF24',
        'Moorland Road, Tweedsmuir Road, Railway Street, Splott Road',
        'Tremorfa Park Primary School, Moorland Road Primary School',
        'Willows Bridge High School',
      ),
    ],
    catholic: schools(
      "St Cadoc's RC Primary School, St Alban's RC Primary School",
      "St Dyfrig's Catholic High School",
    ),
    welsh: schools(
      'Ysgol Gymraeg Pen y Groes, Ysgol Gymraeg Nant Caerau, Ysgol Gymraeg Bro Tremorfa',
      'Ysgol Gyfun Gymraeg Nant y Ddinas, Ysgol Gyfun Gymraeg Bro Edeyrn',
    ),
    college: 'Cardiff and Vale College',
  },
  Inverclyde: {
    nation: 'Scotland',
    // Scotland has no UPNs; a stand-in code keeps the demo's pupil numbers well formed.
    laCode: '930',
    cultures: [
      [SCOTTISH, 90],
      [{ ...SCOTTISH, ethnicity: 'mixed-white-asian' }, 1],
      [IRISH, 2],
      [POLISH, 4],
      [PAKISTANI, 2],
      [ARAB, 1],
    ],
    mixing: 0.03,
    flats: 0.35,
    districts: [
      district(
        'PA14',
        'Clune Brae, Glenburn Road, Park Farm Road, Auchenbothie Crescent',
        'Clune Park Primary School, Park Farm Primary School',
        'Port Glasgow High School',
      ),
      district(
        'PA15',
        'Dunlop Street, Belville Street, Drumfrochar Road, Lyle Road',
        'Wellpark Primary School, Kingston Primary School',
        'Greenock Academy',
      ),
      district(
        'PA16',
        'Cumberland Road, Braeside Road, Larkfield Road, Branchton Drive',
        'Larkfield Brae Primary School, Branchton Primary School',
        'Larkfield High School',
      ),
      district(
        'PA19',
        'Cardwell Road, Kirn Drive, Chalmers Street, Staffa Street',
        'Gourock Bay Primary School, Kirn Drive Primary School',
        'Gourock Academy',
      ),
    ],
    catholic: schools(
      "St Patrick's Primary School, St Ninian's Primary School, St Mary's Primary School",
      "St Kenneth's High School, St Brendan's High School",
    ),
    college: 'West College Scotland',
  },
};
