/**
 * The humanitarian picture's vocabularies: IDP sites, hazards, who-does-what-where (3W) and
 * access constraints. Slugs are what the API speaks; labels and aliases let imports read the
 * words people write in spreadsheets (English and French).
 */

/** Where displaced people live (IOM DTM's site categories). */
export const IDP_SITE_TYPES = ['spontaneous-site', 'collective-centre', 'host-families'] as const;
export type IdpSiteType = (typeof IDP_SITE_TYPES)[number];

export const IDP_SITE_STATUSES = ['open', 'closed'] as const;
export type IdpSiteStatus = (typeof IDP_SITE_STATUSES)[number];

const IDP_SITE_TYPE_ALIASES: Readonly<Record<IdpSiteType, readonly string[]>> = {
  'spontaneous-site': [
    'spontaneous site',
    'spontaneous',
    'site spontane',
    'informal site',
    'site informel',
    'camp',
    'camp like setting',
  ],
  'collective-centre': ['collective centre', 'collective center', 'centre collectif', 'collective'],
  'host-families': [
    'host families',
    'host family',
    'host community',
    'familles d accueil',
    'famille d accueil',
  ],
};

export function idpSiteTypeFromLabel(text: string): IdpSiteType | null {
  const wanted = normaliseLabel(text);
  return (
    IDP_SITE_TYPES.find((t) => t === text.trim() || IDP_SITE_TYPE_ALIASES[t].includes(wanted)) ??
    null
  );
}

const IDP_SITE_STATUS_ALIASES: Readonly<Record<IdpSiteStatus, readonly string[]>> = {
  open: ['open', 'ouvert', 'active', 'actif', 'operational'],
  closed: ['closed', 'ferme', 'inactive', 'inactif'],
};

export function idpSiteStatusFromLabel(text: string): IdpSiteStatus | null {
  const wanted = normaliseLabel(text);
  return IDP_SITE_STATUSES.find((s) => IDP_SITE_STATUS_ALIASES[s].includes(wanted)) ?? null;
}

export const HAZARD_TYPES = [
  'flood',
  'earthquake',
  'hurricane',
  'landslide',
  'epidemic',
  'fire',
] as const;
export type HazardType = (typeof HAZARD_TYPES)[number];

/**
 * Hazards measured on a magnitude scale: an earthquake's magnitude, a hurricane's category
 * (Saffir–Simpson). The others have none.
 */
export const HAZARDS_WITH_MAGNITUDE: readonly HazardType[] = ['earthquake', 'hurricane'];

/** The IASC clusters. */
export const CLUSTERS = [
  'camp-coordination-camp-management',
  'early-recovery',
  'education',
  'emergency-telecommunications',
  'food-security',
  'health',
  'logistics',
  'nutrition',
  'protection',
  'shelter',
  'water-sanitation-hygiene',
] as const;
export type Cluster = (typeof CLUSTERS)[number];

export const CLUSTER_LABELS: Readonly<Record<Cluster, string>> = {
  'camp-coordination-camp-management': 'Camp Coordination and Camp Management',
  'early-recovery': 'Early Recovery',
  education: 'Education',
  'emergency-telecommunications': 'Emergency Telecommunications',
  'food-security': 'Food Security',
  health: 'Health',
  logistics: 'Logistics',
  nutrition: 'Nutrition',
  protection: 'Protection',
  shelter: 'Shelter',
  'water-sanitation-hygiene': 'Water, Sanitation and Hygiene',
};

/** Other names for each cluster in 3W files: acronyms, French names, common variants. */
const CLUSTER_ALIASES: Readonly<Record<Cluster, readonly string[]>> = {
  'camp-coordination-camp-management': [
    'cccm',
    'camp coordination and camp management',
    'camp coordination / camp management',
    'gestion et coordination des camps',
    'coordination et gestion des camps',
    'cccm / shelter',
  ],
  'early-recovery': ['early recovery', 'relevement precoce', 'er'],
  education: ['education', 'educ'],
  'emergency-telecommunications': [
    'emergency telecommunications',
    'etc',
    'telecommunications d urgence',
    'telecom',
  ],
  'food-security': [
    'food security',
    'fsc',
    'securite alimentaire',
    'food security and livelihoods',
    'fsl',
  ],
  health: ['health', 'sante'],
  logistics: ['logistics', 'logistique', 'log'],
  nutrition: ['nutrition', 'nut'],
  protection: [
    'protection',
    'prot',
    'child protection',
    'protection de l enfance',
    'gender based violence',
    'gbv',
    'violence basee sur le genre',
    'vbg',
  ],
  shelter: [
    'shelter',
    'shelter nfi',
    'shelter and nfi',
    'shelter non food items',
    'abris',
    'abris nfi',
    'abris ame',
    'nfi',
  ],
  'water-sanitation-hygiene': [
    'water sanitation and hygiene',
    'water sanitation hygiene',
    'wash',
    'eau hygiene et assainissement',
    'eha',
    'wash eha',
  ],
};

/** Lower case, accents removed, punctuation as spaces: how labels are compared. */
export function normaliseLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function aliasIndex<K extends string>(
  slugs: readonly K[],
  labels: Readonly<Record<K, string>>,
  aliases: Readonly<Record<K, readonly string[]>>,
): Map<string, K> {
  const index = new Map<string, K>();
  for (const slug of slugs) {
    for (const name of [slug, labels[slug], ...aliases[slug]])
      index.set(normaliseLabel(name), slug);
  }
  return index;
}

const CLUSTER_INDEX = aliasIndex(CLUSTERS, CLUSTER_LABELS, CLUSTER_ALIASES);

/** The cluster a 3W file means by `text` ("WASH", "Santé", "Shelter/NFI"…), or null. */
export function clusterFromLabel(text: string): Cluster | null {
  return CLUSTER_INDEX.get(normaliseLabel(text)) ?? null;
}

/** Organisation types as OCHA's 3W templates list them. */
export const ORGANISATION_TYPES = [
  'un-agency',
  'international-ngo',
  'national-ngo',
  'red-cross-red-crescent',
  'government',
  'donor',
  'private-sector',
  'other',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Readonly<Record<OrganisationType, string>> = {
  'un-agency': 'UN Agency',
  'international-ngo': 'International NGO',
  'national-ngo': 'National NGO',
  'red-cross-red-crescent': 'Red Cross / Red Crescent Movement',
  government: 'Government',
  donor: 'Donor',
  'private-sector': 'Private sector',
  other: 'Other',
};

const ORGANISATION_TYPE_ALIASES: Readonly<Record<OrganisationType, readonly string[]>> = {
  'un-agency': ['un', 'united nations', 'agence des nations unies', 'nations unies', 'agence onu'],
  'international-ngo': ['ingo', 'international ngo', 'ong internationale', 'ongi'],
  'national-ngo': ['nngo', 'national ngo', 'ong nationale', 'local ngo', 'ong locale'],
  'red-cross-red-crescent': [
    'red cross',
    'red cross red crescent',
    'rcrc',
    'croix rouge',
    'mouvement croix rouge',
  ],
  government: ['government', 'gouvernement', 'gov', 'public institution', 'institution publique'],
  donor: ['donor', 'bailleur', 'bailleur de fonds'],
  'private-sector': ['private sector', 'private', 'secteur prive', 'prive'],
  other: ['other', 'autre'],
};

const ORGANISATION_TYPE_INDEX = aliasIndex(
  ORGANISATION_TYPES,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPE_ALIASES,
);

export function organisationTypeFromLabel(text: string): OrganisationType | null {
  return ORGANISATION_TYPE_INDEX.get(normaliseLabel(text)) ?? null;
}

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

const ACTIVITY_STATUS_ALIASES: Readonly<Record<ActivityStatus, readonly string[]>> = {
  planned: ['planned', 'plan', 'planifie', 'prevu', 'pipeline'],
  ongoing: ['ongoing', 'active', 'in progress', 'en cours', 'actif', 'on going'],
  completed: ['completed', 'complete', 'done', 'finished', 'termine', 'acheve', 'closed'],
};

export function activityStatusFromLabel(text: string): ActivityStatus | null {
  const wanted = normaliseLabel(text);
  for (const status of ACTIVITY_STATUSES) {
    if (ACTIVITY_STATUS_ALIASES[status].includes(wanted)) return status;
  }
  return null;
}

/**
 * Categories of OCHA's access monitoring and reporting framework: what stands between aid and
 * the people who need it.
 */
export const ACCESS_CATEGORIES = [
  'denial-of-need-based-entitlement',
  'restriction-of-access-to-services',
  'impediments-to-entry',
  'restriction-of-movement',
  'interference',
  'violence-against-personnel-or-assets',
  'military-operations-or-hostilities',
  'mines-and-explosive-ordnance',
  'physical-environment',
] as const;
export type AccessCategory = (typeof ACCESS_CATEGORIES)[number];

export const ACCESS_CATEGORY_LABELS: Readonly<Record<AccessCategory, string>> = {
  'denial-of-need-based-entitlement':
    'Denial of the existence of humanitarian needs or of entitlement to assistance',
  'restriction-of-access-to-services':
    'Restriction and obstruction of access to services and assistance',
  'impediments-to-entry': 'Impediments to entry into the country',
  'restriction-of-movement': 'Restriction of movement within the country',
  interference: 'Interference in the implementation of humanitarian activities',
  'violence-against-personnel-or-assets':
    'Violence against humanitarian personnel, assets and facilities',
  'military-operations-or-hostilities': 'Military operations and ongoing hostilities',
  'mines-and-explosive-ordnance': 'Presence of mines and explosive ordnance',
  'physical-environment': 'Physical environment (terrain, climate, infrastructure)',
};

const ACCESS_CATEGORY_ALIASES: Readonly<Record<AccessCategory, readonly string[]>> = {
  'denial-of-need-based-entitlement': ['denial of needs', 'denial of entitlement'],
  'restriction-of-access-to-services': [
    'restriction of access to services',
    'obstruction of access to assistance',
    'restriction of access to assistance',
  ],
  'impediments-to-entry': ['impediments to entry', 'entry restrictions', 'visa restrictions'],
  'restriction-of-movement': [
    'restriction of movement',
    'movement restrictions',
    'roadblock',
    'checkpoint',
    'restriction de mouvement',
    'restriction des mouvements',
  ],
  interference: ['interference', 'interference in implementation', 'ingerence'],
  'violence-against-personnel-or-assets': [
    'violence against personnel',
    'violence against humanitarian personnel',
    'violence against assets',
    'violence contre le personnel humanitaire',
  ],
  'military-operations-or-hostilities': [
    'military operations',
    'hostilities',
    'ongoing hostilities',
    'armed clashes',
    'hostilites',
    'affrontements armes',
  ],
  'mines-and-explosive-ordnance': ['mines', 'uxo', 'explosive ordnance', 'mines and uxo'],
  'physical-environment': [
    'physical environment',
    'terrain',
    'road damage',
    'flooding',
    'environnement physique',
  ],
};

const ACCESS_CATEGORY_INDEX = aliasIndex(
  ACCESS_CATEGORIES,
  ACCESS_CATEGORY_LABELS,
  ACCESS_CATEGORY_ALIASES,
);

export function accessCategoryFromLabel(text: string): AccessCategory | null {
  return ACCESS_CATEGORY_INDEX.get(normaliseLabel(text)) ?? null;
}

export const ACCESS_SEVERITIES = ['low', 'medium', 'high', 'extreme'] as const;
export type AccessSeverity = (typeof ACCESS_SEVERITIES)[number];

/** What an access constraint lies on: a whole commune, a drawn area, or a stretch of road. */
const ACCESS_SEVERITY_ALIASES: Readonly<Record<AccessSeverity, readonly string[]>> = {
  low: ['low', 'faible', 'bas', '1', 'minor'],
  medium: ['medium', 'moderate', 'moyen', 'moyenne', 'modere', '2'],
  high: ['high', 'eleve', 'elevee', 'haut', 'severe', '3'],
  extreme: ['extreme', 'critical', 'critique', '4'],
};

export function accessSeverityFromLabel(text: string): AccessSeverity | null {
  const wanted = normaliseLabel(text);
  return ACCESS_SEVERITIES.find((s) => ACCESS_SEVERITY_ALIASES[s].includes(wanted)) ?? null;
}

export const ACCESS_SCOPES = ['commune', 'area', 'road'] as const;
export type AccessScope = (typeof ACCESS_SCOPES)[number];

/** What `POST /api/v1/import/hxl?kind=` reads and `GET /api/v1/export/{kind}.csv` writes. */
export const HXL_KINDS = ['displacement', 'idp-sites', 'activities', 'access'] as const;
export type HxlKind = (typeof HXL_KINDS)[number];
