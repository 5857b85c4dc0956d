"Run by test_distributed.py under torchrun: finetune on the sample, then save this process's weights as rank<N>.safetensors"
import sys
from safetensors.torch import save_file
from fastai.distributed import rank_distrib
from ml_art.data import sample_dir
from ml_art.train import train_style_model

out = sys.argv[1]
learn = train_style_model(sample_dir(), out, recipe='finetune', epochs=1, freeze_epochs=1, lr=1e-3, size=32, bs=8, num_workers=0, progress=False)
save_file({k: v.detach().cpu().contiguous() for k, v in learn.model.state_dict().items()}, f"{out}/rank{rank_distrib()}.safetensors")
