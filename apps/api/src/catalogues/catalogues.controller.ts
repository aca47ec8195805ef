import { Controller, Get, NotFoundException, Param, ParseIntPipe } from '@nestjs/common';
import { CatalogueService, type CatalogueItem, type CatalogueVersion } from '../../../../libs/catalogue/src/index.js';
import { ChannelRegistry } from '../../../../libs/channels/src/index.js';

/** Catalogues and their items, with the channels each item resolves to, for composing a disclosure. */
@Controller('catalogues')
export class CataloguesController {
  constructor(
    private readonly catalogues: CatalogueService,
    private readonly channels: ChannelRegistry,
  ) {}

  @Get()
  list() {
    return {
      items: this.catalogues.list().map((c) => ({
        code: c.code, name: c.name, department: c.department, publisher: c.publisher, version: c.version, versionId: c.id, itemCount: c.items.length,
      })),
    };
  }

  @Get(':code/items')
  items(@Param('code') code: string) {
    const c = this.find(code);
    return { catalogue: c.code, version: c.version, items: c.items.map((i) => this.item(c, i)) };
  }

  @Get(':code/versions')
  versions(@Param('code') code: string) {
    this.find(code);
    return this.catalogues.versions(code).then((items) => ({ items }));
  }

  @Get(':code/versions/:version')
  async version(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    const v = await this.catalogues.getVersion(code, version);
    if (!v) throw new NotFoundException(`catalogue ${code} has no version ${version}`);
    return { catalogue: v.code, version: v.version, items: v.items.map((i) => this.item(v, i)) };
  }

  private find(code: string): CatalogueVersion {
    const c = this.catalogues.get(code);
    if (!c) throw new NotFoundException(`no catalogue "${code}"`);
    return c;
  }

  private item(c: CatalogueVersion, i: CatalogueItem) {
    return {
      ...i,
      id: `${c.code}:${i.id}`,
      itemId: i.id,
      catalogue: c.code,
      channels: this.channels.resolve(i.carriers).map((r) => ({ carrier: r.carrier, channel: r.channel.name, type: r.channel.type, label: r.channel.label })),
    };
  }
}
