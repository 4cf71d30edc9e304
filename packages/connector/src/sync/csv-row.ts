/**
 * A CSV row of the common CV template as the object the contract validates. Lists are `|`
 * separated; empty cells are absent fields. Values it cannot convert are passed on unchanged,
 * so validation names the field and the value instead of a guess being sent.
 */
export function csvRowToCv(row: Record<string, string>): Record<string, unknown> {
  const cv: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    const value = raw ?? '';
    if (value === '') {
      if (LISTS.has(key)) cv[key] = [];
      continue;
    }
    if (LISTS.has(key))
      cv[key] = value
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    else if (NUMBERS.has(key)) cv[key] = /^\d+$/.test(value) ? Number(value) : value;
    // The template's visibility (issue 17): a CV is shown only when its jobcentre marks it searchable.
    else if (key === 'searchable' || key === 'addressProtected')
      cv.visibility = {
        ...(cv.visibility as object),
        [key]: YES.has(value.toLowerCase()) ? true : NO.has(value.toLowerCase()) ? false : value,
      };
    else if (key === 'drivingLicence') cv[key] = YES.has(value.toLowerCase()) ? true : NO.has(value.toLowerCase()) ? false : value;
    else cv[key] = value;
  }
  return cv;
}

const LISTS = new Set(['occupations', 'skills', 'languages', 'certificates', 'licenceCategories', 'hours', 'employmentTypes']);
const NUMBERS = new Set(['municipality', 'noticeDays', 'commuteKm']);
const YES = new Set(['ja', 'yes', 'true', '1']);
const NO = new Set(['nej', 'no', 'false', '0']);
