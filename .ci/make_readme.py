"""Write README.md from nbs/index.ipynb without Quarto (which `nbdev_readme` needs).

Markdown cells are copied as they are (links to `images/` pointed at `nbs/images/`), code cells that are not hidden become ```python blocks (directive lines
such as `#| hide` dropped). `--check` exits 1 when README.md differs from what would be written."""
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def readme_text(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    cells = json.loads(Path(nb_path).read_text())['cells']
    parts = []
    for c in cells:
        src = ''.join(c['source']).strip()
        if not src: continue
        # images are linked relative to nbs/ (where the docs are rendered from); the README sits one level up
        if c['cell_type'] == 'markdown': parts.append(src.replace('](images/', '](nbs/images/'))
        elif c['cell_type'] == 'code':
            lines = src.splitlines()
            flags = [l for l in lines if l.startswith('#|')]
            if any('hide' in l or 'export' in l for l in flags): continue
            code = '\n'.join(l for l in lines if not l.startswith('#|')).strip()
            if code: parts.append(f'```python\n{code}\n```')
    return '<!-- Made from nbs/index.ipynb by .ci/make_readme.py: edit that notebook, not this file -->\n\n' + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = readme_text(), ROOT/'README.md'
    if '--check' in sys.argv[1:]:
        if readme.read_text() != text: sys.exit('README.md is out of date: run python .ci/make_readme.py')
    else: readme.write_text(text)
