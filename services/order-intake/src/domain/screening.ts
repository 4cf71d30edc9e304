/**
 * The cooperation's shared screening principles (fælles screeningsprincipper) as data: the
 * checklist a jobcentre goes through before it presents a candidate. Each presented candidate
 * records which of them were checked, so the lead and the company can see how a candidate was
 * screened. A cooperation's list may differ from the shared default; ids are stable (a referral
 * stores them), texts may be reworded.
 */
export interface ScreeningPrinciple {
  id: string;
  en: string;
  da: string;
}

const SHARED: readonly ScreeningPrinciple[] = [
  { id: 'qualifications', en: 'Has the qualifications the job needs', da: 'Har de kvalifikationer, jobbet kræver' },
  {
    id: 'hard-requirements',
    en: 'Meets every hard requirement (certificates, licences, languages)',
    da: 'Opfylder alle skarpe krav (certifikater, kørekort, sprog)',
  },
  { id: 'availability', en: 'Can start when the company wants', da: 'Kan starte, når virksomheden ønsker det' },
  { id: 'interest', en: 'Wants this job and has said so', da: 'Ønsker jobbet og har sagt det' },
  { id: 'transport', en: 'Can get to the workplace at the working hours', da: 'Kan komme til arbejdspladsen i arbejdstiden' },
  { id: 'informed', en: 'Knows the job, the hours and the pay', da: 'Kender jobbet, arbejdstiden og lønnen' },
];

/** Per cooperation id; a cooperation without its own list uses the shared one. */
export const SCREENING_PRINCIPLES: Readonly<Record<string, readonly ScreeningPrinciple[]>> = {
  HRS: SHARED,
  JRS: SHARED,
};

export function screeningPrinciplesOf(cooperation: string | null): readonly ScreeningPrinciple[] {
  return (cooperation && SCREENING_PRINCIPLES[cooperation]) || SHARED;
}

/** The ids a referral named that are not principles of the order's cooperation. */
export function unknownPrinciples(cooperation: string | null, checked: readonly string[]): string[] {
  const known = new Set(screeningPrinciplesOf(cooperation).map((p) => p.id));
  return checked.filter((id) => !known.has(id));
}
