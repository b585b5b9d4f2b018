/** Fixed lists a member record uses. Values are stable codes; text is what people read. */

export interface Option {
  value: string;
  text: string;
}

export interface EthnicityGroup {
  group: string;
  options: Option[];
}

/** ONS 2021 Census ethnic groups (England and Wales), with "not known" and "prefer not to say". */
export const ETHNICITY_GROUPS: EthnicityGroup[] = [
  {
    group: 'Asian, Asian British or Asian Welsh',
    options: [
      { value: 'asian-bangladeshi', text: 'Bangladeshi' },
      { value: 'asian-chinese', text: 'Chinese' },
      { value: 'asian-indian', text: 'Indian' },
      { value: 'asian-pakistani', text: 'Pakistani' },
      { value: 'asian-other', text: 'Any other Asian background' },
    ],
  },
  {
    group: 'Black, Black British, Black Welsh, Caribbean or African',
    options: [
      { value: 'black-african', text: 'African' },
      { value: 'black-caribbean', text: 'Caribbean' },
      { value: 'black-other', text: 'Any other Black, Black British, or Caribbean background' },
    ],
  },
  {
    group: 'Mixed or Multiple ethnic groups',
    options: [
      { value: 'mixed-white-asian', text: 'White and Asian' },
      { value: 'mixed-white-black-african', text: 'White and Black African' },
      { value: 'mixed-white-black-caribbean', text: 'White and Black Caribbean' },
      { value: 'mixed-other', text: 'Any other Mixed or Multiple ethnic background' },
    ],
  },
  {
    group: 'White',
    options: [
      { value: 'white-british', text: 'English, Welsh, Scottish, Northern Irish or British' },
      { value: 'white-irish', text: 'Irish' },
      { value: 'white-gypsy-traveller', text: 'Gypsy or Irish Traveller' },
      { value: 'white-roma', text: 'Roma' },
      { value: 'white-other', text: 'Any other White background' },
    ],
  },
  {
    group: 'Other ethnic group',
    options: [
      { value: 'other-arab', text: 'Arab' },
      { value: 'other-any', text: 'Any other ethnic group' },
    ],
  },
  {
    group: 'Not recorded',
    options: [
      { value: 'not-known', text: 'Not known' },
      { value: 'not-stated', text: 'Prefers not to say' },
    ],
  },
];

export const ETHNICITIES: Option[] = ETHNICITY_GROUPS.flatMap((g) => g.options);

export function ethnicityText(code: string): string {
  for (const g of ETHNICITY_GROUPS) {
    const o = g.options.find((x) => x.value === code);
    if (o) return g.group === 'Not recorded' ? o.text : `${g.group}: ${o.text}`;
  }
  return code;
}

export const SEXES: Option[] = [
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
  { value: 'not-known', text: 'Not known' },
];

export const GENDERS: Option[] = [
  { value: '', text: 'Not recorded' },
  { value: 'woman', text: 'Woman or girl' },
  { value: 'man', text: 'Man or boy' },
  { value: 'non-binary', text: 'Non-binary' },
  { value: 'other', text: 'Describes their gender another way' },
  { value: 'not-stated', text: 'Prefers not to say' },
];

export interface Relationship extends Option {
  /** Which kind of member can have this relationship. */
  for: 'adult' | 'child';
}

/** A member's relationship to the family, typed so reports can count parents, carers and children. */
export const RELATIONSHIPS: Relationship[] = [
  { value: 'parent', text: 'Parent', for: 'adult' },
  { value: 'step-parent', text: 'Step-parent', for: 'adult' },
  { value: 'partner-of-parent', text: "Parent's partner", for: 'adult' },
  { value: 'non-resident-parent', text: 'Parent not living with the family', for: 'adult' },
  { value: 'grandparent', text: 'Grandparent', for: 'adult' },
  { value: 'kinship-carer', text: 'Other relative caring for the children', for: 'adult' },
  { value: 'foster-carer', text: 'Foster carer', for: 'adult' },
  { value: 'adult-sibling', text: 'Adult brother or sister', for: 'adult' },
  { value: 'other-adult-relative', text: 'Other adult relative', for: 'adult' },
  { value: 'other-adult', text: 'Other adult in the household', for: 'adult' },
  { value: 'child', text: 'Child', for: 'child' },
  { value: 'stepchild', text: 'Stepchild', for: 'child' },
  { value: 'grandchild', text: 'Grandchild', for: 'child' },
  { value: 'foster-child', text: 'Foster child', for: 'child' },
  { value: 'other-child-relative', text: 'Other child relative', for: 'child' },
  { value: 'other-child', text: 'Other child in the household', for: 'child' },
];

export function optionText(list: Option[], value: string | null | undefined): string {
  return list.find((o) => o.value === value)?.text ?? value ?? '';
}

export const LEAVING_REASONS: Option[] = [
  { value: 'moved-out', text: 'Moved out of the household' },
  { value: 'separated', text: 'Parents separated' },
  { value: 'moved-to-relative', text: 'Went to live with a relative' },
  { value: 'looked-after', text: 'Became looked after' },
  { value: 'turned-adult', text: 'Left home as a young adult' },
  { value: 'died', text: 'Died' },
  { value: 'recorded-in-error', text: 'Recorded in this family in error' },
  { value: 'other', text: 'Other' },
];

export const NATIONS: Option[] = [
  { value: 'England', text: 'England' },
  { value: 'Wales', text: 'Wales' },
  { value: 'Scotland', text: 'Scotland' },
  { value: 'Northern Ireland', text: 'Northern Ireland' },
];
