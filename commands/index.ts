import type { Command } from '../src/command/command.js';
import ask from './ask.js';
import help from './help.js';
import issue from './issue.js';
import issues from './issues.js';
import latest from './latest.js';
import publications from './publications.js';
import search from './search.js';
import section from './section.js';
import sources from './sources.js';
import start from './start.js';
import story from './story.js';
import top from './top.js';
import settings from './settings.js';
import since from './since.js';
import status from './status.js';
import subscribe from './subscribe.js';
import subscriptions from './subscriptions.js';
import unsubscribe from './unsubscribe.js';

/** Every command, in the order menus and /help list them. */
export const commands: readonly Command[] = [start, latest, top, story, sources, section, issues, issue, publications, since, search, ask, subscribe, unsubscribe, subscriptions, settings, status, help];
