// Which form plan a written tune follows: its body stepped through the bar guide's state and the
// form guide under each plan in turn; the first plan that takes every character and ends where
// the tune ends is the tune's form. Used to measure the corpus's forms (scripts/form-shares.ts)
// and to test the form guide against real tunes. Pure.
import { headerEnd } from './header-guide.js';
import { trackBars } from './bar-guide.js';
import { closeBar, formDone, type FormState, stepForm } from './form-guide.js';
import { allForms, type FormPlan } from './form-plan.js';
import { stepBar } from './bar-state.js';

/** Whether model text `text` (a whole tune) follows `plan` to its end; `tonicEnd` also asks for the tonic ending. */
export function followsForm(text: string, plan: FormPlan, tonicEnd = false): boolean {
  const end = headerEnd(text);
  if (end < 0) return false;
  const start = trackBars(undefined, text.slice(0, end), undefined, () => plan);
  let s = start?.state;
  let form: FormState | null | undefined = start?.form;
  if (!s || !form) return false;
  form = { ...form, tonicEnd };
  for (const ch of text.slice(end).replace(/\n$/, '')) {
    const next = stepBar(s, ch);
    if (next.bad) return false;
    form = stepForm(form, s, ch, next);
    if (!form) return false;
    s = next;
  }
  if (s.mode === 'bar') form = closeBar(form, s, s.text);
  return form !== null && formDone(form);
}

/** The first plan (fewest parts first) the tune follows, or null. */
export function formOfTune(text: string, tonicEnd = false): FormPlan | null {
  return allForms().find((plan) => followsForm(text, plan, tonicEnd)) ?? null;
}
