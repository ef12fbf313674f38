import type { Locator, Page } from '@playwright/test';

export interface UpgradeTaskRequest { nickname: string; cluster: string; nodes: string[]; file: string; startManually: boolean }

/** Task › Upgrade › "Add Upgrade Task" wizard. */
export class UpgradeTaskPage {
  readonly addButton: Locator;
  readonly nickname: Locator;
  readonly cluster: Locator;
  readonly next: Locator;
  readonly file: Locator;
  readonly finish: Locator;

  constructor(readonly page: Page) {
    this.addButton = page.getByRole('link', { name: 'Add Upgrade Task' });
    this.nickname = page.getByLabel('Task Nickname');
    this.cluster = page.getByLabel('Cluster');
    this.next = page.getByRole('button', { name: 'Next' }).filter({ visible: true });
    this.file = page.getByLabel('Upgrade File (ISO or COP)');
    this.finish = page.getByRole('button', { name: 'Finish' });
  }

  /** Walks the wizard to Finish; returns whether Next stayed disabled until a node was chosen. */
  async createUpgradeTask(task: UpgradeTaskRequest): Promise<{ nextDisabledWithoutNodes: boolean }> {
    await this.addButton.click();
    await this.nickname.fill(task.nickname);
    await this.cluster.selectOption(task.cluster);
    const nextDisabledWithoutNodes = await this.next.isDisabled();
    for (const node of task.nodes) await this.page.getByRole('checkbox', { name: node }).check();
    await this.next.click();
    await this.file.selectOption(task.file);
    await this.next.click();
    await this.page.getByRole('radio', { name: task.startManually ? 'Start task manually' : /Start task immediately/ }).check();
    await this.next.click();
    await this.finish.click();
    await this.page.getByRole('heading', { level: 2, name: task.nickname }).waitFor();
    return { nextDisabledWithoutNodes };
  }
}
