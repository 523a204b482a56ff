"""Districts, as they were in brokers: the tables exist already (brokers 0001)."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('brokers', '0008_list_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='District',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, unique=True, verbose_name='name')),
                    ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                    ('is_rural', models.BooleanField(default=True, help_text='Rural districts are reported apart: decentralising innovation is the aim.', verbose_name='rural')),
                ],
                options={
                    'verbose_name': 'district',
                    'verbose_name_plural': 'districts',
                    'db_table': 'brokers_district',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalDistrict',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('name', models.CharField(db_index=True, max_length=100, verbose_name='name')),
                    ('slug', models.SlugField(max_length=100, verbose_name='slug')),
                    ('is_rural', models.BooleanField(default=True, help_text='Rural districts are reported apart: decentralising innovation is the aim.', verbose_name='rural')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.CharField(max_length=100, null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical district',
                    'verbose_name_plural': 'historical districts',
                    'db_table': 'brokers_historicaldistrict',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            ],
        ),
    ]
