/**
 * A candidate inquiry as matching lists it (GET /jobcentres/:code/candidate-inquiries), with its
 * answer once there is one (matching keeps the first). Read by the search page, "Vores cv'er" and
 * /inquiries alike.
 */
export interface Inquiry {
  inquiryId: string;
  toJobcentre: number;
  fromJobcentre: number;
  candidateRef: string;
  askedBy: string;
  orderId?: string;
  company?: string;
  question: string;
  askedAt: string;
  answer?: { answer: string; note?: string; answeredBy: string; answeredAt: string };
}
