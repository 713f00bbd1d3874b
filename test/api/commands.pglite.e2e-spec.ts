import { describeCommandScenario } from './command-scenario';

describeCommandScenario('embedded PGlite', () => ({}));
