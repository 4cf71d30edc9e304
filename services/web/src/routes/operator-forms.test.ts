import { translator } from '../i18n';
import { ApiError, fieldErrors } from '../api';
import {
  CALL_FIELDS,
  callBody,
  companyBody,
  copenhagenDate,
  orderBody,
  orderErrors,
  showErrors,
  COMPANY_FIELDS,
  spelled,
} from './operator-forms';

const da = translator('da');

describe("the operator's forms", () => {
  it('sends a company without its empty optional fields, numbers as numbers, contacts only where typed', () => {
    const body = companyBody({
      cvr: ' 3100 0033 ',
      pNumber: '',
      name: 'Dragør Fiskerihavn ApS',
      'address.street': 'Havnen 12',
      'address.postalCode': '2791',
      'address.city': 'Dragør',
      municipality: '155',
      'contacts.0.name': 'Mette Holm',
      'contacts.0.phone': '',
      'contacts.1.name': '',
    });
    expect(body).toEqual({
      cvr: '31000033',
      name: 'Dragør Fiskerihavn ApS',
      address: { street: 'Havnen 12', postalCode: '2791', city: 'Dragør' },
      municipality: 155,
      contacts: [{ name: 'Mette Holm' }],
    });
  });

  it('sends the order with its requirements, wishes per line and the checkboxes as booleans', () => {
    const { order } = orderBody({
      title: 'Lagermedarbejder',
      occupation: '9321',
      positions: '2',
      weeklyHours: '37,5',
      certificates: ['forklift', 'first-aid'],
      licences: 'B',
      language: 'DA',
      languageLevel: 'B1',
      wishes: 'Scanner\r\n\r\n Truck ',
      shortNotice: 'yes',
    });
    expect(order).toMatchObject({
      positions: 2,
      weeklyHours: 37.5,
      requirements: { certificates: ['forklift', 'first-aid'], licences: ['B'], languages: [{ language: 'da', level: 'B1' }] },
      wishes: ['Scanner', 'Truck'],
      shortNotice: true,
      largeProject: false,
    });
    expect(order).not.toHaveProperty('contact');
  });

  it("shows the API's field errors at the form's fields, in the page's language; an empty field is 'required'", () => {
    const form = { cvr: '31000034', name: '', 'contacts.0.email': 'mette@' };
    const problem = new ApiError(400, {
      errors: [
        {
          field: 'body.cvr',
          message: 'not a valid CVR number (ikke et gyldigt CVR-nummer)',
          message_en: 'not a valid CVR number',
          message_da: 'ikke et gyldigt CVR-nummer',
        },
        {
          field: 'body.name',
          message: 'Too small: expected string to have >=1 characters',
          message_en: 'Too small: expected string to have >=1 characters',
          message_da: 'skal udfyldes',
        },
        {
          field: 'body.contacts.0.email',
          message: 'Invalid email address',
          message_en: 'Invalid email address',
          message_da: 'skal være en gyldig e-mailadresse',
        },
        {
          field: 'body',
          message: 'the company is registered with another lead jobcentre',
          message_da: 'virksomheden har en anden tovholder',
        },
      ],
    });
    const shown = showErrors(fieldErrors(problem, 'da'), COMPANY_FIELDS, form, da);
    expect(shown.byField).toEqual({
      cvr: 'Ikke et gyldigt CVR-nummer',
      name: 'Feltet skal udfyldes.',
      'contacts.0.email': 'Skal være en gyldig e-mailadresse',
    });
    expect(shown.summary).toEqual([
      { id: 'f-cvr', message: 'Ikke et gyldigt CVR-nummer' },
      { id: 'f-name', message: 'Feltet skal udfyldes.' },
      { id: 'f-contacts-0-email', message: 'Skal være en gyldig e-mailadresse' },
      { message: 'Virksomheden har en anden tovholder' },
    ]);
    expect(showErrors(fieldErrors(problem, 'en'), COMPANY_FIELDS, form, da).byField.cvr).toBe('Not a valid CVR number');
  });

  it('attaches a call about an existing order to the order chosen, and only with that need', () => {
    const form = { need: 'existing-order', orderId: 'ord-1', note: '', 'caller.name': 'Mette' };
    expect(callBody(form, '31000033')).toEqual({
      caller: { name: 'Mette' },
      company: { companyId: '31000033' },
      need: 'existing-order',
      note: '',
      orderId: 'ord-1',
    });
    expect(callBody({ ...form, need: 'question' }, '31000033')).not.toHaveProperty('orderId');
    expect(callBody({ ...form, orderId: '' }, '31000033')).not.toHaveProperty('orderId');
    // order-intake's refusal of the order lands at the order's field.
    expect(showErrors({ orderId: "the order is not this company's" }, CALL_FIELDS, form, da).summary).toEqual([
      { id: 'f-orderId', message: "The order is not this company's" },
    ]);
  });

  it('shows the short-notice and large-project errors at their own checkboxes', () => {
    const shown = orderErrors(
      { 'order.shortNotice': 'expected boolean', 'order.largeProject': 'expected boolean' },
      { shortNotice: 'yes', largeProject: 'yes' },
      da,
    );
    expect(shown.byField).toEqual({ shortNotice: 'Expected boolean', largeProject: 'Expected boolean' });
    expect(shown.summary.map((e) => e.id)).toEqual(['f-shortNotice', 'f-largeProject']);
  });

  it("puts the order's nested errors at the field that holds them", () => {
    const shown = orderErrors(
      { 'order.requirements.certificates.0': 'Invalid option', 'order.title': 'x' },
      { certificates: 'juggling', title: 'T' },
      da,
    );
    expect(shown.byField).toEqual({ certificates: 'Invalid option', title: 'X' });
  });

  it('spells a reference in its two groups with the Danish spelling alphabet', () => {
    expect(spelled('K7H-4QX', da)).toEqual([
      [
        { char: 'K', word: 'Karen' },
        { char: '7', word: 'syv' },
        { char: 'H', word: 'Hans' },
      ],
      [
        { char: '4', word: 'fire' },
        { char: 'Q', word: 'Quintus' },
        { char: 'X', word: 'Xerxes' },
      ],
    ]);
  });

  it("takes today's calls from the Danish day, not the UTC one", () => {
    expect(copenhagenDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
    expect(copenhagenDate(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
    expect(copenhagenDate(new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-01');
  });
});
