/** What the lead's pages read from order-intake and broadcast (their OpenAPI schemas, as far as the pages use them). */
export interface GoalClock {
  goal: 'dialogue' | 'candidates';
  workingDays: number;
  dueAt: string | null;
  warnAt: string | null;
  standing: 'waiting' | 'running' | 'met' | 'met-late' | 'breached' | 'stopped';
  metAt?: string;
  warnedAt?: string;
  breachedAt?: string;
}

export interface GoalsView {
  goals: GoalClock[];
  timeline: { at: string; by: string; type: string; goal: string; note?: string }[];
}

export interface OrderView {
  id: string;
  leadJobcentre: number;
  cooperation: string | null;
  channel: string;
  registeredAt: string;
  status: string;
  lawStatus: string;
  company: { name: string; cvr?: string; municipality: number };
  details: { title: string; description: string; positions: number; workplaceMunicipality: number; startBy?: string; shortNotice: boolean };
  broadcastRequested: { scope: string } | null;
  rounds: { roundId: string; scope?: string; status: 'open' | 'complete'; recipients: number[]; replied: number[] }[];
  hires: { jobcentre: number; candidateRef: string; hiredAt: string; startDate?: string; weeklyHours?: number }[];
  referrals: {
    id: string;
    jobcentre: number;
    candidateRef: string;
    presentedAt: string;
    presentedBy: string;
    screening: string[];
    outcome?: { kind: string; reason?: string; at: string };
  }[];
  positions: { wanted: number; filled: number };
  timeline: { id: string; at: string; by: string; kind: string; from?: string; to?: string; reason?: string; note?: string }[];
  everyJobcentreSearched: boolean;
}

export interface LeadQueue {
  jobcentre: number;
  orders: { order: OrderView; urgency: 'breached' | 'warned' | 'running' | 'quiet'; nextDueAt: string | null; goals: GoalClock[] | null }[];
  truncated: boolean;
}

export interface BoardRecipient {
  jobcentre: number;
  status: 'pending' | 'replied' | 'overdue';
  answer?: 'candidates' | 'none';
  candidates?: { candidateRef: string; summary?: string }[];
  repliedAt?: string;
  late?: boolean;
  implied?: boolean;
}

export interface BoardRound {
  id: string;
  orderId: string;
  leadJobcentre: number;
  scope: string;
  openedAt: string;
  deadline: string;
  status: 'open' | 'complete' | 'closed';
  recipients: BoardRecipient[];
  summary: { replied: number[]; overdue: number[]; pending: number[]; candidateCount: number };
  proposedNextScope: string | null;
}
