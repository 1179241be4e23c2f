"""Kept so `from pipeline.config import ...` in older code and branches keeps working: every
setting lives in pipeline.settings."""

from pipeline.settings import (
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MAX_REMOVED_SHARE,
    PROJECT_ROOT,
    ComputeSettings,
    SensorSettings,
    SettingError,
    Settings,
    check_dagster_home,
    number_setting,
)

__all__ = ["DEFAULT_MAX_FILE_BYTES", "DEFAULT_MAX_REMOVED_SHARE", "PROJECT_ROOT",
           "ComputeSettings", "SensorSettings", "SettingError", "Settings", "check_dagster_home",
           "number_setting"]
